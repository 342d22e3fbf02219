using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// Checking WeChat Pay's signature on a response: <see cref="ResponseVerifier.Verify"/> (headers, clock window,
/// probe check, key lookup, message, RSA) against the bare public-key operation.
/// </summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private SignedResponse _response = null!;
    private ResponseVerifier _verifier = null!;
    private RSA _publicKey = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;
    private string _timestamp = null!, _nonce = null!, _signatureText = null!, _serial = null!;

    /// <summary>Signs a response once and loads the verifier as the client does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var keys = BenchmarkKeys.Shared;
        _response = SignedResponse.Create(keys, SmartRetailOrder.CreatedBody, DateTimeOffset.UtcNow);
        var headers = _response.Headers.ToDictionary(h => h.Key, h => h.Value);
        (_timestamp, _nonce, _signatureText, _serial) = (headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], headers["Wechatpay-Serial"]);
        _publicKey = keys.PlatformPublicKey;
        var platformKeys = PlatformKeys.Load(new Dictionary<string, object> { [BenchmarkKeys.PlatformKeyId] = _publicKey }, BenchmarkKeys.MerchantSerial);
        _verifier = new ResponseVerifier(platformKeys, new FixedClock(_response.SignedAt));
        _message = SignatureMessage.ForResponse(_timestamp, _nonce, _response.Body);
        _signature = Convert.FromBase64String(_signatureText);
    }

    /// <summary>The floor: <see cref="RSA.VerifyData(byte[], byte[], HashAlgorithmName, RSASignaturePadding)"/> over a prepared message.</summary>
    [Benchmark(Baseline = true)]
    public bool Raw_VerifyData() => _publicKey.VerifyData(_message, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>Everything the client checks on a 2xx response.</summary>
    [Benchmark]
    public void ResponseVerifier_Verify() => _verifier.Verify(_timestamp, _nonce, _signatureText, _serial, _response.Body);
}
