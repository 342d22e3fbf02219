using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Extensions.DependencyInjection;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// What goes on the wire from the pipeline <c>AddWeChatPay</c> builds, seen by a transport given in
/// <see cref="ClientOptions.HttpMessageHandler"/>; keys generated here, settings from configuration with file paths.
/// </summary>
public class PipelineTests
{
    private GeneratedMerchant _a = null!;
    private GeneratedMerchant _b = null!;

    [OneTimeSetUp]
    public void GenerateKeys()
    {
        _a = new GeneratedMerchant("1900000001");
        _b = new GeneratedMerchant("1900000002");
    }

    [OneTimeTearDown]
    public void DeleteKeys()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Test]
    public async Task Each_merchant_signs_with_its_own_mchid_serial_and_private_key()
    {
        var transportA = new RecordingTransport();
        var transportB = new RecordingTransport();
        var services = Services(new CapturedLogs(), _a.Settings("Pay:A").Concat(_b.Settings("Pay:B")));
        services.AddWeChatPay("a", options => options.HttpMessageHandler = transportA);
        services.AddWeChatPay("b", options => options.HttpMessageHandler = transportB);
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IWeChatPayClientFactory>();

        const string json = "{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"out_order_no\":\"NO1\"}";
        await Assert.ThrowsAsync<ApiException>(() => clients.Get("a").SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { body = json }));
        await Assert.ThrowsAsync<ApiException>(() => clients.Get("b").SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { body = json }));

        Assert.That(transportA.Requests, Has.Count.EqualTo(1));
        Assert.That(transportB.Requests, Has.Count.EqualTo(1));
        AssertSignedBy(_a, transportA.Requests.Single());
        AssertSignedBy(_b, transportB.Requests.Single());
    }

    [Test]
    public async Task Retry_from_configuration_signs_each_attempt_anew_and_the_call_is_logged_once()
    {
        var transport = new RecordingTransport(HttpStatusCode.ServiceUnavailable);
        var logs = new CapturedLogs();
        var services = Services(logs, _a.Settings("Pay:A").Concat([new("Pay:A:Retry:MaxAttempts", "3"), new("Pay:A:Retry:BaseDelay", "00:00:00.001")]));
        services.AddWeChatPay("a", options => options.HttpMessageHandler = transport);
        await using var provider = services.BuildServiceProvider();

        var failure = (await Assert.ThrowsAsync<ApiException>(() => provider.GetRequiredService<IWeChatPayClientFactory>().Get("a").SendAsync(HttpMethod.Get, "v3/certificates")))!;

        var nonces = transport.Requests.Select(request => Parameters(request.Authorization!)["nonce_str"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failure.Response.Status, Is.EqualTo(503));
            Assert.That(nonces, Has.Count.EqualTo(3).And.Unique);
            Assert.That(logs.WeChatPay, Has.Count.EqualTo(1));
            Assert.That(logs.WeChatPay[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(logs.WeChatPay[0].Message, Does.Match(@"^WeChat Pay a: GET /v3/certificates -> 503 in \d+ ms, Request-ID 08F78BB5AF0610D302A7$"));
        });
    }

    [Test]
    public async Task A_transport_given_in_options_outlives_the_container()
    {
        var transport = new RecordingTransport();
        var services = Services(new CapturedLogs(), _a.Settings("Pay:A"));
        services.AddWeChatPay("a", options => options.HttpMessageHandler = transport);
        await using (var provider = services.BuildServiceProvider())
        {
            await Assert.ThrowsAsync<ApiException>(() => provider.GetRequiredService<IWeChatPayClientFactory>().Get("a").SendAsync(HttpMethod.Get, "v3/certificates"));
        }

        Assert.That(transport.Requests, Has.Count.EqualTo(1));
        Assert.That(transport.Disposed, Is.False);
    }

    /// <summary>The settings come from configuration; the transport is added by a second registration of the same name.</summary>
    private static ServiceCollection Services(CapturedLogs logs, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        foreach (var merchant in configuration.GetSection("Pay").GetChildren())
            services.AddWeChatPay(merchant.Key.ToLowerInvariant(), merchant);
        return services;
    }

    /// <summary>Checks the Authorization header as WeChat Pay would, with this test's own reading of the protocol.</summary>
    private static void AssertSignedBy(GeneratedMerchant merchant, (string Method, string Target, string? Authorization, byte[] Body) request)
    {
        Assert.That(request.Authorization, Does.StartWith("WECHATPAY2-SHA256-RSA2048 "));
        var parameters = Parameters(request.Authorization!);
        var message = Encoding.UTF8.GetBytes($"{request.Method}\n{request.Target}\n{parameters["timestamp"]}\n{parameters["nonce_str"]}\n")
            .Concat(request.Body).Concat("\n"u8.ToArray()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(parameters["mchid"], Is.EqualTo(merchant.MchId));
            Assert.That(parameters["serial_no"], Is.EqualTo(merchant.Serial));
            Assert.That(merchant.Key.VerifyData(message, Convert.FromBase64String(parameters["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                Is.True, $"the signature of {merchant.MchId}'s request does not verify with {merchant.MchId}'s key");
        });
    }

    private static Dictionary<string, string> Parameters(string authorization)
        => Regex.Matches(authorization, "(\\w+)=\"([^\"]*)\"").ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
}
