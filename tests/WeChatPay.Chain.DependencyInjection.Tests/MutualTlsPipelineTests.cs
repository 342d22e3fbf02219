using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WeChatPay.Chain.Extensions.DependencyInjection;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// APIv2's <c>security = true</c> calls under <c>AddWeChatPay</c>, against the simulator over HTTPS: they present the
/// merchant certificate (the simulator refuses the refund otherwise) and go through the handlers the application added
/// to the builder, like every other call of the client.
/// </summary>
public class MutualTlsPipelineTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wxpay-di-mtls-" + Guid.NewGuid().ToString("N")[..8]);
    private SimulatorServer _simulator = null!;

    [OneTimeSetUp]
    public async Task Start() => _simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _directory, Https = true });

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _simulator.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_refund_with_security_presents_the_merchant_certificate_and_passes_through_the_applications_handlers([Values] bool sync)
    {
        var seen = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddWeChatPay("shop", options => FromProfile(options))
            .AddHttpMessageHandler(() => new Watching(seen));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IWeChatPayClientFactory>().Get("shop");
        var mchId = _simulator.Profile.MchId;
        var outTradeNo = "DI" + Guid.NewGuid().ToString("N")[..24];
        Task<WeChatPayResponse> Post(string path, object options) => sync ? Task.FromResult(client.Send(HttpMethod.Post, path, options)) : client.SendAsync(HttpMethod.Post, path, options);

        await Post("v2/pay/micropay", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, body = "image", out_trade_no = outTradeNo, total_fee = 100, spbill_create_ip = "8.8.8.8", auth_code = SimulatedAuthCodes.PaysAtOnce } });
        var refunded = await Post("v2/secapi/pay/refund", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, out_trade_no = outTradeNo, out_refund_no = "R" + outTradeNo, total_fee = 100, refund_fee = 40 }, security = true });

        Assert.Multiple(() =>
        {
            Assert.That(refunded.Xml["result_code"], Is.EqualTo("SUCCESS"), "the simulator took the refund: the merchant certificate was presented");
            Assert.That(refunded.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(seen, Is.EqualTo(new[] { "/pay/micropay", "/secapi/pay/refund" }), "the application's handler saw both calls, the mutual TLS one included");
        });
    }

    [Test]
    public async Task A_call_without_security_reaches_the_server_it_was_told_to_trust_and_presents_no_certificate()
    {
        var services = new ServiceCollection();
        services.AddWeChatPay(options => FromProfile(options));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WeChatPayClient>();

        var e = Assert.Throws<ApiV2Exception>(() => client.Send(HttpMethod.Post, "v2/secapi/pay/refund", new { xml = new { appid = "wx1", mch_id = _simulator.Profile.MchId, out_trade_no = "1", out_refund_no = "R1", total_fee = 1, refund_fee = 1 } }))!;

        Assert.That(e.ReturnCode, Is.EqualTo("FAIL"), "only security = true presents the certificate");
    }

    private void FromProfile(ClientOptions options)
    {
        var profile = _simulator.Profile.ToClientOptions();
        options.MchId = profile.MchId;
        options.Serial = profile.Serial;
        options.PrivateKey = profile.PrivateKey;
        options.Certs = profile.Certs;
        options.BaseUri = profile.BaseUri;
        options.ApiV3Key = profile.ApiV3Key;
        options.ApiV2Key = profile.ApiV2Key;
        options.MerchantCertificate = profile.MerchantCertificate;
        options.TrustedServerCertificate = profile.TrustedServerCertificate;
    }

    /// <summary>An application's handler: notes the path of every request that passes it.</summary>
    private sealed class Watching(ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.RequestUri!.AbsolutePath);
            return base.Send(request, cancellationToken);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
