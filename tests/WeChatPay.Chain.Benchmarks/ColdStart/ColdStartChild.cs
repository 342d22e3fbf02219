using System.Dynamic;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using WeChatPay.Chain.Benchmarks.Baseline;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>
/// The child process of the cold-start measurement: from <c>Main</c> to the first verified response over HTTPS,
/// doing only what its <see cref="ColdStartVariant"/> says, then printing its phases.
/// </summary>
public static class ColdStartChild
{
    /// <summary>The mode name that starts a child: <c>coldstart-child VARIANT BASE_URI KEYS_DIR THUMBPRINT</c>.</summary>
    public const string Mode = "coldstart-child";

    /// <summary>Runs one variant; <paramref name="clock"/> was started first thing in <c>Main</c>.</summary>
    public static async Task<int> RunAsync(PhaseClock clock, string[] args)
    {
        var variant = Enum.Parse<ColdStartVariant>(args[1], ignoreCase: true);
        var baseUri = new Uri(args[2]);
        var merchantKeyFile = Path.Combine(args[3], BenchmarkKeys.MerchantKeyFile);
        var platformKeyFile = Path.Combine(args[3], BenchmarkKeys.PlatformPublicKeyFile);
        var transport = LoopbackCertificate.PinnedTransport(args[4]);
        clock.Mark("parse arguments");

        var bodyLength = variant switch
        {
            ColdStartVariant.Steps => await StepsAsync(clock, baseUri, merchantKeyFile, platformKeyFile, transport),
            ColdStartVariant.Baseline => await BaselineAsync(clock, baseUri, merchantKeyFile, platformKeyFile, transport),
            ColdStartVariant.Typed => await TypedAsync(clock, Options(baseUri, merchantKeyFile, platformKeyFile, transport)),
            _ => await DynamicAsync(clock, Options(baseUri, merchantKeyFile, platformKeyFile, transport)),
        };
        clock.Finish(bodyLength);
        return 0;
    }

    private static ClientOptions Options(Uri baseUri, string merchantKeyFile, string platformKeyFile, HttpMessageHandler transport) => new()
    {
        MchId = BenchmarkKeys.MchId,
        Serial = BenchmarkKeys.MerchantSerial,
        PrivateKey = "file://" + merchantKeyFile,
        Certs = { [BenchmarkKeys.PlatformKeyId] = "file://" + platformKeyFile },
        BaseUri = baseUri,
        HttpMessageHandler = transport,
    };

    private static async Task<int> TypedAsync(PhaseClock clock, ClientOptions options)
    {
        using var client = Builder.Create(options);
        clock.Mark("Builder.Create (reads and parses both PEM keys)");
        var response = await client.Chain(SmartRetailOrder.Path).PostAsync(new { json = SmartRetailOrder.Payload });
        clock.Mark("first call: Chain(...).PostAsync");
        return response.Body.Length;
    }

    private static async Task<int> DynamicAsync(PhaseClock clock, ClientOptions options)
    {
        var wx = Builder.Factory(options);
        clock.Mark("Builder.Factory (reads and parses both PEM keys)");
        var orders = wx.V3.Payscore.SmartretailOrders;
        clock.Mark("first dynamic member reads: wx.V3.Payscore.SmartretailOrders");
        WeChatPayResponse response = await orders.PostAsync(new { json = SmartRetailOrder.Payload });
        clock.Mark("first call: dynamic PostAsync and await");
        return response.Body.Length;
    }

    private static async Task<int> BaselineAsync(PhaseClock clock, Uri baseUri, string merchantKeyFile, string platformKeyFile, HttpMessageHandler transport)
    {
        var (merchantKey, platformKey) = LoadKeys(merchantKeyFile, platformKeyFile);
        clock.Mark("read and parse both PEM keys");
        using var client = new HandWrittenClient(transport, baseUri, SmartRetailOrder.Path, BenchmarkKeys.MchId, BenchmarkKeys.MerchantSerial,
            merchantKey, BenchmarkKeys.PlatformKeyId, platformKey, TimeProvider.System);
        clock.Mark("build the baseline client");
        var body = await client.PostAsync(SmartRetailOrder.Payload);
        clock.Mark("first call: PostAsync");
        return body.Length;
    }

    private static async Task<int> StepsAsync(PhaseClock clock, Uri baseUri, string merchantKeyFile, string platformKeyFile, HttpMessageHandler transport)
    {
        var (merchantKey, platformKey) = LoadKeys(merchantKeyFile, platformKeyFile);
        clock.Mark("read and parse both PEM keys");
        var signature = merchantKey.SignData(SmartRetailOrder.CreatedBody, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clock.Mark("first RSA-2048 signature");
        var json = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(SmartRetailOrder.Payload));
        clock.Mark("first Newtonsoft.Json serialisation");
        using var http = new HttpClient(transport);
        using var response = await http.GetAsync(new Uri(baseUri, SmartRetailOrder.Path));
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Mark("first HTTPS request (TLS handshake, HTTP stack)");
        var verified = merchantKey.VerifyData(SmartRetailOrder.CreatedBody, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            && platformKey.KeySize == 2048;
        clock.Mark("first RSA verification");
        dynamic expando = new ExpandoObject();
        expando.Order = "1234323JKHDFE1243252";
        string order = expando.Order;
        clock.Mark("first use of the C# dynamic binder (ExpandoObject)");
        return verified && json.Length > 0 && order.Length > 0 ? body.Length : 0;
    }

    private static (RSA Merchant, RSA Platform) LoadKeys(string merchantKeyFile, string platformKeyFile)
    {
        var merchant = RSA.Create();
        merchant.ImportFromPem(File.ReadAllText(merchantKeyFile));
        var platform = RSA.Create();
        platform.ImportFromPem(File.ReadAllText(platformKeyFile));
        return (merchant, platform);
    }
}
