using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>The non-RSA parts of signing a request: the signing string, the nonce, and the header text.</summary>
[MemoryDiagnoser]
public class SigningStringBenchmarks
{
    private const string Target = "/v3/payscore/smartretail-orders";
    private const string Timestamp = "1700000000";
    private const string NonceText = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";

    private readonly byte[] _body = Setup.SmartRetailOrder.CreatedBody[..420];
    private readonly AuthorizationHeader _header = new("1900000001", NonceText, Timestamp, "3775B6A45ACD588826D15E583A95F5DD00000001", new string('A', 342) + "==");

    /// <summary><c>POST\n/v3/…\nTIMESTAMP\nNONCE\nBODY\n</c> over a 420-byte body, like a create payload.</summary>
    [Benchmark(Baseline = true)]
    public byte[] SignatureMessage_ForRequest() => SignatureMessage.ForRequest("POST", Target, Timestamp, NonceText, _body);

    /// <summary>32 characters from the CSPRNG, without modulo bias.</summary>
    [Benchmark]
    public string Nonce_Create() => Nonce.Create();

    /// <summary>The <c>Authorization</c> value from its parts.</summary>
    [Benchmark]
    public string AuthorizationHeader_ToString() => _header.ToString();
}
