using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// RSA-2048 PKCS#1 v1.5 SHA-256 signing: the library's <see cref="Rsa.Sign(RSA, ReadOnlySpan{byte})"/> with a cached
/// key against raw <see cref="RSA.SignData(byte[], HashAlgorithmName, RSASignaturePadding)"/>, the whole
/// <see cref="RequestSigner"/>, and — for scale — re-importing the PEM key on every call as some SDKs do.
/// </summary>
[MemoryDiagnoser]
public class RsaSigningBenchmarks
{
    private RSA _key = null!;
    private string _pem = null!;
    private byte[] _message = null!;
    private byte[] _body = null!;
    private RequestSigner _signer = null!;

    /// <summary>Loads the key once and builds a typical signing string.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = BenchmarkKeys.Shared.MerchantKey;
        _pem = _key.ExportPkcs8PrivateKeyPem();
        _body = SmartRetailOrder.CreatedBody[..420];
        _message = SignatureMessage.ForRequest("POST", SmartRetailOrder.RequestTarget, "1700000000", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", _body);
        _signer = new RequestSigner(BenchmarkKeys.MchId, BenchmarkKeys.MerchantSerial, _key);
    }

    /// <summary>The floor: the BCL call alone, signature as bytes.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Raw_SignData() => _key.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The BCL call and the Base64 every caller needs.</summary>
    [Benchmark]
    public string Raw_SignData_Base64() => Convert.ToBase64String(_key.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>The library's signature with its cached key.</summary>
    [Benchmark]
    public string Rsa_Sign_cached_key() => Rsa.Sign(_key, _message);

    /// <summary>Timestamp, nonce, signing string, signature and header: all a request's signing costs.</summary>
    [Benchmark]
    public string RequestSigner_Sign_header() => _signer.Sign("POST", SmartRetailOrder.RequestTarget, _body).ToString();

    /// <summary>What an SDK that parses the PEM key on every call pays.</summary>
    [Benchmark]
    public string Pem_reimport_per_call()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(_pem);
        return Convert.ToBase64String(rsa.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
