using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using WeChatPay.Chain.AspNetCore.Tests.Support;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>
/// The endpoint as a merchant runs it, against the simulator: the client places a smart-retail order, the simulated
/// user confirms it, and the simulator posts a signed, encrypted PAYSCORE.USER_CONFIRM to the endpoint, retrying on
/// anything but 2xx.
/// </summary>
public class SimulatorEndToEndTests
{
    private const string AppId = "wxd678efh567hg6787";
    private const string ServiceId = "500001";

    private readonly ConcurrentQueue<Notification> _received = new();
    private Func<Notification, Task> _behaviour = _ => Task.CompletedTask;
    private string _dir = null!;
    private WeChatPayClient _client = null!;
    private NotificationHost _merchant = null!;
    private SimulatorServer _simulator = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        // The endpoint must exist before the simulator is told where to post, and the client must know where the
        // simulator listens: make the profile first and fix the simulator's port.
        _dir = Path.Combine(Path.GetTempPath(), "aspnetcore-e2e-" + Guid.NewGuid().ToString("N"));
        var profile = SimulatorProfile.LoadOrCreate(_dir);
        var port = FreeLoopbackPort();
        var options = profile.ToClientOptions(new Uri($"http://127.0.0.1:{port}/"));
        options.ApiV3Key = profile.ApiV3Key;            // ToClientOptions leaves the APIv3 key out
        _client = new WeChatPayClient(options);

        _merchant = await NotificationHost.StartAsync(app => app.MapWeChatPayNotifications("/wechatpay/notify", _client, async (notification, _, _) =>
        {
            _received.Enqueue(notification);
            await _behaviour(notification);
        }));
        _simulator = await SimulatorServer.StartAsync(new SimulatorSettings
        {
            ProfileDirectory = _dir,
            Port = port,
            NotifyUrl = _merchant.Url("wechatpay/notify"),
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _simulator.DisposeAsync();
        await _merchant.DisposeAsync();
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [SetUp]
    public void Reset()
    {
        _received.Clear();
        _behaviour = _ => Task.CompletedTask;
    }

    private async Task<string> CreateAndAcceptOrderAsync()
    {
        var outOrderNo = "E2E" + Guid.NewGuid().ToString("N")[..16];
        dynamic wx = _client.Root;
        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid = AppId, service_id = ServiceId, out_order_no = outOrderNo } });
        await _simulator.AcceptOrderAsync(outOrderNo);
        await _simulator.WaitForNotificationsAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return outOrderNo;
    }

    [Test]
    public async Task The_endpoint_receives_the_users_confirmation_verified_and_decrypted()
    {
        var outOrderNo = await CreateAndAcceptOrderAsync();

        var notification = _received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(notification.EventType, Is.EqualTo("PAYSCORE.USER_CONFIRM"));
            Assert.That((string?)notification.Resource["out_order_no"], Is.EqualTo(outOrderNo));
            Assert.That((string?)notification.Resource["state"], Is.EqualTo("USER_ACCEPTED"));
        });
        var attempt = _simulator.NotificationAttempts.Single(a => a.OutOrderNo == outOrderNo);
        Assert.That(attempt.StatusCode, Is.EqualTo(204));
        Assert.That(attempt.Succeeded, Is.True);
        Assert.That(attempt.NotificationId, Is.EqualTo(notification.Id));
    }

    [Test]
    public async Task A_handler_failure_is_retried_by_WeChat_Pay_with_the_same_notification_id()
    {
        var failures = 1;
        _behaviour = _ => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("ledger briefly unavailable") : Task.CompletedTask;

        var outOrderNo = await CreateAndAcceptOrderAsync();

        var attempts = _simulator.NotificationAttempts.Where(a => a.OutOrderNo == outOrderNo).ToList();
        Assert.That(attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 204 }));
        Assert.That(_received.Select(n => n.Id).Distinct().Single(), Is.EqualTo(attempts[0].NotificationId));
        Assert.That(_received, Has.Count.EqualTo(2));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
