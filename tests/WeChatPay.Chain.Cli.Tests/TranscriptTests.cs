using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>The demo's notification check takes only the notification the step expects: its order, event and state.</summary>
public class TranscriptTests
{
    private TempDir _profile = null!;
    private Notification _confirmed = null!;
    private string _outOrderNo = null!;

    /// <summary>A real PAYSCORE.USER_CONFIRM, signed by a simulator and verified by the demo's receiver.</summary>
    [OneTimeSetUp]
    public async Task ReceiveAConfirmation()
    {
        _profile = new TempDir();
        SimulatorProfile.LoadOrCreate(_profile.Path);
        using var merchant = new WeChatPayClient(Credentials.FromProfile(_profile.Path));
        await using var receiver = await NotificationReceiver.StartAsync(merchant.Notifications, CancellationToken.None);
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _profile.Path, NotifyUrl = receiver.Url });
        var options = simulator.Profile.ToClientOptions();
        using var client = new WeChatPayClient(options);
        _outOrderNo = "TR" + Guid.NewGuid().ToString("N")[..12];
        await client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { appid = "wxd678efh567hg6787", service_id = "500001", out_order_no = _outOrderNo } });
        await simulator.AcceptOrderAsync(_outOrderNo);
        _confirmed = await receiver.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Delete() => _profile.Dispose();

    private static (bool Ok, string Out, string Err) Check(Func<Transcript, bool> check)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var ok = check(new Transcript(stdout, stderr));
        return (ok, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void The_expected_notification_passes()
    {
        var (ok, output, error) = Check(transcript => transcript.Notification(_confirmed, _outOrderNo, "PAYSCORE.USER_CONFIRM", "USER_ACCEPTED"));

        Assert.That(ok, Is.True, error);
        Assert.That(output, Does.Contain("✔").And.Contain("PAYSCORE.USER_CONFIRM"));
    }

    [Test]
    public void A_notification_of_another_event_fails()
    {
        var (ok, output, error) = Check(transcript => transcript.Notification(_confirmed, _outOrderNo, "PAYSCORE.USER_PAID", "USER_PAID"));

        Assert.That(ok, Is.False);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("✘").And.Contain("expected PAYSCORE.USER_PAID"));
    }

    [Test]
    public void A_notification_in_another_state_fails()
    {
        var (ok, _, error) = Check(transcript => transcript.Notification(_confirmed, _outOrderNo, "PAYSCORE.USER_CONFIRM", "USER_PAID"));

        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain("state=USER_PAID"));
    }

    [Test]
    public void A_notification_for_another_order_fails()
    {
        var (ok, _, error) = Check(transcript => transcript.Notification(_confirmed, "OTHER", "PAYSCORE.USER_CONFIRM", "USER_ACCEPTED"));

        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain("for OTHER"));
    }
}
