using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Extensions.DependencyInjection;
using WeChatPay.Chain.Simulator;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// Two merchants side by side, each with its own simulator (its own mchid, keys and platform key), bound from one
/// in-memory configuration whose keys are plain file paths, as in appsettings.json.
/// </summary>
public class TwoMerchantsTests
{
    private const string AppId = "wxd678efh567hg6787";
    private const string ServiceId = "500001";

    private readonly List<string> _directories = [];
    private SimulatorServer _shopA = null!;
    private SimulatorServer _shopB = null!;
    private IConfiguration _configuration = null!;

    [OneTimeSetUp]
    public async Task StartTwoSimulators()
    {
        _shopA = await Start("a");
        _shopB = await Start("b");
        Assume.That(_shopA.Profile.MchId, Is.Not.EqualTo(_shopB.Profile.MchId), "the two generated merchants happen to share an id");
        _configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Section("WeChatPay:Merchants:A", _shopA).Concat(Section("WeChatPay:Merchants:B", _shopB)))
            .Build();
    }

    [OneTimeTearDown]
    public async Task StopSimulators()
    {
        await _shopA.DisposeAsync();
        await _shopB.DisposeAsync();
        foreach (var directory in _directories) Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task Each_named_client_reaches_its_own_merchant_account()
    {
        var logs = new CapturedLogs();
        await using var provider = Services(logs).BuildServiceProvider();
        var clients = provider.GetRequiredService<IWeChatPayClientFactory>();
        var a = clients.Get("a");
        var b = clients.Get("b");

        var orderA = "DIA" + Guid.NewGuid().ToString("N")[..12];
        var orderB = "DIB" + Guid.NewGuid().ToString("N")[..12];
        await Create(a, orderA);
        await Create(b, orderB);

        // Each simulator accepts only its own merchant's mchid, serial and signature, so a 200 from each one shows
        // each client signed with its own key, and the orders landing apart shows they went to their own BaseUri.
        Assert.Multiple(() =>
        {
            Assert.That(a.MchId, Is.EqualTo(_shopA.Profile.MchId));
            Assert.That(b.MchId, Is.EqualTo(_shopB.Profile.MchId));
            Assert.That(_shopA.FindOrder(orderA), Is.Not.Null);
            Assert.That(_shopA.FindOrder(orderB), Is.Null);
            Assert.That(_shopB.FindOrder(orderB), Is.Not.Null);
            Assert.That(_shopB.FindOrder(orderA), Is.Null);
        });
    }

    [Test]
    public void A_name_gives_the_same_client_every_time_and_names_give_different_ones()
    {
        using var provider = Services(new CapturedLogs()).BuildServiceProvider();
        var clients = provider.GetRequiredService<IWeChatPayClientFactory>();

        var a = clients.Get("a");

        Assert.That(clients.Get("a"), Is.SameAs(a));
        Assert.That(clients.Get("b"), Is.Not.SameAs(a));
        Assert.That(clients.Get("b").Signer, Is.Not.SameAs(a.Signer));
    }

    [Test]
    public async Task The_unnamed_client_resolves_as_WeChatPayClient()
    {
        var services = new ServiceCollection();
        services.AddWeChatPay(_configuration.GetSection("WeChatPay:Merchants:B"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<WeChatPayClient>();
        var outOrderNo = "DIU" + Guid.NewGuid().ToString("N")[..12];
        await Create(client, outOrderNo);

        Assert.That(client, Is.SameAs(provider.GetRequiredService<IWeChatPayClientFactory>().Get("")));
        Assert.That(_shopB.FindOrder(outOrderNo), Is.Not.Null);
    }

    [Test]
    public async Task Every_call_is_logged_once_with_method_path_status_duration_and_request_id_but_no_secrets()
    {
        var logs = new CapturedLogs();
        await using var provider = Services(logs).BuildServiceProvider();
        var client = provider.GetRequiredService<IWeChatPayClientFactory>().Get("a");
        var outOrderNo = "DIL" + Guid.NewGuid().ToString("N")[..12];

        var created = await Create(client, outOrderNo);
        dynamic wx = client.Root;
        WeChatPayResponse queried = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id = ServiceId, out_order_no = outOrderNo, appid = AppId } });
        var missing = (await Assert.ThrowsAsync<ApiException>(async () =>
            await client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders", new { query = new { service_id = ServiceId, out_order_no = "NOSUCHORDER", appid = AppId } })))!;

        var lines = logs.WeChatPay;
        Assert.That(lines, Has.Count.EqualTo(3), string.Join(Environment.NewLine, lines));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0].Level, Is.EqualTo(LogLevel.Information));
            Assert.That(lines[0].Message, Does.Match($@"^WeChat Pay a: POST /v3/payscore/smartretail-orders -> 200 in \d+ ms, Request-ID {created.RequestId}$"));
            Assert.That(lines[1].Message, Does.Match($@"^WeChat Pay a: GET /v3/payscore/smartretail-orders -> 200 in \d+ ms, Request-ID {queried.RequestId}$"));
            Assert.That(lines[2].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(lines[2].Message, Does.Contain("GET /v3/payscore/smartretail-orders -> 404").And.EndWith($"Request-ID {missing.RequestId}"));
            Assert.That(created.RequestId, Is.Not.Null.And.Not.Empty);
        });

        var everything = string.Join(Environment.NewLine, logs.Lines);
        var merchantKey = File.ReadAllText(_shopA.Profile.PrivateKeyPath);
        Assert.Multiple(() =>
        {
            Assert.That(everything, Does.Not.Contain("PRIVATE KEY").And.Not.Contain(KeyBody(merchantKey)));
            Assert.That(everything, Does.Not.Contain(_shopA.Profile.ApiV3Key));
            Assert.That(everything, Does.Not.Contain("WECHATPAY2-SHA256-RSA2048").And.Not.Contain("signature").IgnoreCase);
            Assert.That(everything, Does.Not.Contain("Authorization").IgnoreCase);
            Assert.That(everything, Does.Not.Contain(outOrderNo), "the query string and the body stay out of the log");
        });
    }

    private ServiceCollection Services(CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddWeChatPay("a", _configuration.GetSection("WeChatPay:Merchants:A"));
        services.AddWeChatPay("b", _configuration.GetSection("WeChatPay:Merchants:B"));
        return services;
    }

    private static Task<WeChatPayResponse> Create(WeChatPayClient client, string outOrderNo)
    {
        dynamic wx = client.Root;
        return wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid = AppId, service_id = ServiceId, out_order_no = outOrderNo, service_introduction = "自助零售柜", risk_amount = 100 } });
    }

    /// <summary>The settings of one merchant as appsettings.json would hold them: plain key file paths, no <c>file://</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Section(string path, SimulatorServer simulator)
    {
        var profile = simulator.Profile;
        yield return new($"{path}:MchId", profile.MchId);
        yield return new($"{path}:Serial", profile.MerchantSerial);
        yield return new($"{path}:PrivateKey", profile.PrivateKeyPath);
        foreach (var (id, file) in profile.CertificatePaths) yield return new($"{path}:Certs:{id}", file);
        yield return new($"{path}:ApiV3Key", profile.ApiV3Key);
        yield return new($"{path}:BaseUri", simulator.BaseUri.ToString());
        yield return new($"{path}:Timeout", "00:00:20");
    }

    /// <summary>A line from the middle of a PEM key, which would show up if any part of the key were logged.</summary>
    private static string KeyBody(string pem) => pem.Split('\n', StringSplitOptions.RemoveEmptyEntries)[3].Trim();

    private async Task<SimulatorServer> Start(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"wxpay-di-{name}-" + Guid.NewGuid().ToString("N")[..8]);
        _directories.Add(directory);
        return await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = directory });
    }
}
