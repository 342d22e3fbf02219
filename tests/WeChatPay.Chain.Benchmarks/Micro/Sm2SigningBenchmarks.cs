using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// 国密 SM2-with-SM3 signing and verification of a typical signing string: the library's <see cref="Sm2"/> against
/// BouncyCastle's <see cref="SM2Signer"/> used raw, and the precomputation variants. BouncyCastle's signer already
/// multiplies the generator with a fixed-point comb (<see cref="FixedPointCombMultiplier"/>, its table cached on the
/// point); the variants show what that comb buys (a wNAF multiplier instead), what a signer initialised once per key
/// saves (Init computes the public point d·G and the Z digest again), and what a comb table for the verification key
/// would buy (s·G + t·Q as two combs instead of Shamir's trick).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Sm2SigningBenchmarks
{
    private static readonly byte[] UserId = "1234567812345678"u8.ToArray();

    private ECPrivateKeyParameters _key = null!;
    private ECPrivateKeyParameters _sec1Key = null!;
    private ECPublicKeyParameters _public = null!;
    private byte[] _message = null!;
    private string _signature = null!;
    private byte[] _der = null!;
    private SecureRandom _random = null!;
    private SM2Signer _reusedSigner = null!;
    private SM2Signer _reusedVerifier = null!;
    private byte[] _z = null!;
    private RequestSigner _requestSigner = null!;
    private byte[] _body = null!;

    /// <summary>Makes the key pair, the signing string and its signature, and warms the comb tables.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var keys = Sm2BenchmarkKeys.Shared;
        _key = keys.PrivateKey;
        _sec1Key = keys.Sec1PrivateKey;
        _public = keys.PublicKey;
        _message = keys.Message;
        _signature = keys.Signature;
        _der = Convert.FromBase64String(_signature);
        _body = Sm2BenchmarkKeys.Body;
        _random = new SecureRandom();
        _reusedSigner = new SM2Signer(new SM3Digest());
        _reusedSigner.Init(true, new ParametersWithID(new ParametersWithRandom(_key, _random), UserId));
        _reusedVerifier = new SM2Signer(new SM3Digest());
        _reusedVerifier.Init(false, new ParametersWithID(_public, UserId));
        _z = Z(_public);
        _requestSigner = new RequestSigner(BenchmarkKeys.MchId, BenchmarkKeys.MerchantSerial, new Crypto.Sm2Signer(_key), null);
        if (!Verify_comb_on_both_points()) throw new InvalidOperationException("The two-comb verification rejects a good signature.");
        Console.WriteLine($"// SM2 curve classes: PKCS#8 key {Sm2BenchmarkKeys.CurveClass(_key)}, SEC1 key {Sm2BenchmarkKeys.CurveClass(_sec1Key)}, public key {Sm2BenchmarkKeys.CurveClass(_public)}");
    }

    /// <summary>The floor most callers write: a BouncyCastle signer made and initialised for each signature.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("sign")]
    public byte[] Bc_sign_new_signer() => Sign(new SM2Signer(new SM3Digest()), _key);

    /// <summary>A signer initialised once and reused: no d·G and no Z digest per call.</summary>
    [Benchmark, BenchmarkCategory("sign")]
    public byte[] Bc_sign_reused_signer()
    {
        _reusedSigner.BlockUpdate(_message, 0, _message.Length);
        return _reusedSigner.GenerateSignature();
    }

    /// <summary>Without the generator's fixed-point comb: both multiplications by wNAF, as for an arbitrary point.</summary>
    [Benchmark, BenchmarkCategory("sign")]
    public byte[] Bc_sign_wnaf_no_comb() => Sign(new WNafSm2Signer(), _key);

    /// <summary>The library's signature (Base64) with a PKCS#8-loaded key.</summary>
    [Benchmark, BenchmarkCategory("sign")]
    public string Sm2_Sign() => Sm2.Sign(_key, _message);

    /// <summary>The library's signature with the same key loaded from SEC1 (<c>EC PRIVATE KEY</c>) PEM.</summary>
    [Benchmark, BenchmarkCategory("sign")]
    public string Sm2_Sign_sec1_key() => Sm2.Sign(_sec1Key, _message);

    /// <summary>Timestamp, nonce, signing string, SM2 signature and header: all a 国密 request's signing costs.</summary>
    [Benchmark, BenchmarkCategory("sign")]
    public string RequestSigner_Sign_header() => _requestSigner.Sign("POST", SmartRetailOrder.RequestTarget, _body).ToString();

    /// <summary>The floor most callers write: a BouncyCastle verifier made and initialised for each signature.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("verify")]
    public bool Bc_verify_new_verifier()
    {
        var verifier = new SM2Signer(new SM3Digest());
        verifier.Init(false, new ParametersWithID(_public, UserId));
        verifier.BlockUpdate(_message, 0, _message.Length);
        return verifier.VerifySignature(_der);
    }

    /// <summary>A verifier initialised once and reused: no Z digest per call.</summary>
    [Benchmark, BenchmarkCategory("verify")]
    public bool Bc_verify_reused_verifier()
    {
        _reusedVerifier.BlockUpdate(_message, 0, _message.Length);
        return _reusedVerifier.VerifySignature(_der);
    }

    /// <summary>
    /// Precomputation for the verification key too: s·G + t·Q as two fixed-point combs (the key's table built on first
    /// use and cached on its point) instead of BouncyCastle's interleaved wNAF, with Z digested once.
    /// </summary>
    [Benchmark, BenchmarkCategory("verify")]
    public bool Verify_comb_on_both_points()
    {
        var n = _public.Parameters.N;
        var rs = StandardDsaEncoding.Instance.Decode(n, _der);
        BigInteger r = rs[0], s = rs[1];
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0) return false;
        var digest = new SM3Digest();
        digest.BlockUpdate(_z, 0, _z.Length);
        digest.BlockUpdate(_message, 0, _message.Length);
        var hash = new byte[32];
        digest.DoFinal(hash, 0);
        var t = r.Add(s).Mod(n);
        if (t.SignValue == 0) return false;
        var comb = new FixedPointCombMultiplier();
        var point = comb.Multiply(_public.Parameters.G, s).Add(comb.Multiply(_public.Q, t)).Normalize();
        return !point.IsInfinity && new BigInteger(1, hash).Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(r);
    }

    /// <summary>The library's verification (Base64 in).</summary>
    [Benchmark, BenchmarkCategory("verify")]
    public bool Sm2_Verify() => Sm2.Verify(_public, _message, _signature);

    private byte[] Sign(SM2Signer signer, ECPrivateKeyParameters key)
    {
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, _random), UserId));
        signer.BlockUpdate(_message, 0, _message.Length);
        return signer.GenerateSignature();
    }

    /// <summary>GM/T 0003's Z: SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA).</summary>
    private static byte[] Z(ECPublicKeyParameters key)
    {
        var digest = new SM3Digest();
        digest.Update((byte)(UserId.Length * 8 >> 8));
        digest.Update((byte)(UserId.Length * 8));
        digest.BlockUpdate(UserId, 0, UserId.Length);
        var g = key.Parameters.G;
        var q = key.Q.Normalize();
        foreach (var element in new[] { key.Parameters.Curve.A, key.Parameters.Curve.B, g.AffineXCoord, g.AffineYCoord, q.AffineXCoord, q.AffineYCoord })
        {
            var bytes = element.GetEncoded();
            digest.BlockUpdate(bytes, 0, bytes.Length);
        }
        var z = new byte[32];
        digest.DoFinal(z, 0);
        return z;
    }

    /// <summary>BouncyCastle's signer with a wNAF multiplier for the generator instead of its fixed-point comb.</summary>
    private sealed class WNafSm2Signer() : SM2Signer(new SM3Digest())
    {
        protected override ECMultiplier CreateBasePointMultiplier() => new WNafL2RMultiplier();
    }
}
