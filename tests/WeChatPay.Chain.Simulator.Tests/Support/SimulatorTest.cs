using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// Starts a simulator on the shared profile before each test (127.0.0.1, any free port) and stops it after.
/// Derived fixtures adjust the settings or bring a manual clock.
/// </summary>
public abstract class SimulatorTest
{
    protected SimulatorServer Server { get; private set; } = null!;

    protected MerchantRequests Merchant { get; private set; } = null!;

    /// <summary>The clock the simulator and the hand-signed requests use; null for the system clock.</summary>
    protected virtual ManualClock? Clock => null;

    protected virtual void Configure(SimulatorSettings settings)
    {
    }

    [SetUp]
    public async Task StartSimulatorAsync()
    {
        var settings = new SimulatorSettings
        {
            ProfileDirectory = SharedProfile.Directory,
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)],
        };
        if (Clock is { } clock) settings.TimeProvider = clock;
        Configure(settings);
        Server = await SimulatorServer.StartAsync(settings);
        Merchant = new MerchantRequests(Server, Clock);
    }

    [TearDown]
    public async Task StopSimulatorAsync()
    {
        Merchant?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A verifier that knows the platform certificate serial and the PUB_KEY_ID, as a client would.</summary>
    protected ResponseVerifier Verifier()
        => new(PlatformKeys.Load(Server.Profile.ToClientOptions().Certs, Server.Profile.MerchantSerial), Clock);

    /// <summary>Creates an order and returns its out_order_no.</summary>
    protected async Task<string> CreateOrderAsync(Action<Dictionary<string, object?>>? adjust = null)
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var body = SmartRetail.CreateBody(outOrderNo);
        adjust?.Invoke(body);
        var answer = await Merchant.PostAsync(SmartRetail.Path, body);
        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        return outOrderNo;
    }

    /// <summary>Creates an order and has the user accept it; returns out_order_no and finish_ticket.</summary>
    protected async Task<(string OutOrderNo, string FinishTicket)> AcceptedOrderAsync()
    {
        var outOrderNo = await CreateOrderAsync();
        var order = await Server.AcceptOrderAsync(outOrderNo);
        return (outOrderNo, order.FinishTicket!);
    }
}
