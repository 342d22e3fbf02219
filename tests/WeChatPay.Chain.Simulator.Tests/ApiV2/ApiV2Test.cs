namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// A simulator per test, as <see cref="SimulatorTest"/> starts it, with an APIv2 client from the profile (the library's
/// own, which speaks plain HTTP to it) and a <see cref="V2Wire"/> for hand-built requests.
/// </summary>
public abstract class ApiV2Test : SimulatorTest
{
    protected WeChatPayClient Client { get; private set; } = null!;

    protected V2Wire Wire { get; private set; } = null!;

    [SetUp]
    public void MakeClients()
    {
        Client = new WeChatPayClient(Server.Profile.ToClientOptions());
        Wire = new V2Wire(Server);
    }

    [TearDown]
    public void DisposeClients()
    {
        Client?.Dispose();
        Wire?.Dispose();
    }

    protected static string NewOutTradeNo() => "V2" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>The fields of a micropay of 1 fen, through the library: <c>xml</c> as an anonymous object.</summary>
    protected object Micropay(string outTradeNo, string authCode = SimulatedAuthCodes.PaysAtOnce, long totalFee = 1)
        => new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, body = "image形象馆-深圳腾大-QQ公仔", out_trade_no = outTradeNo, total_fee = totalFee, spbill_create_ip = "14.23.150.211", auth_code = authCode } };

    /// <summary>The same micropay as hand-built fields.</summary>
    protected List<KeyValuePair<string, string>> MicropayFields(V2Wire wire, string outTradeNo, string authCode = SimulatedAuthCodes.PaysAtOnce, long totalFee = 1)
        => wire.Fields(("body", "image形象馆-深圳腾大-QQ公仔"), ("out_trade_no", outTradeNo), ("total_fee", totalFee.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("spbill_create_ip", "14.23.150.211"), ("auth_code", authCode));

    protected object Query(string outTradeNo) => new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, out_trade_no = outTradeNo } };

    /// <summary>The <see cref="ApiV2Exception"/> the call fails with.</summary>
    protected static async Task<ApiV2Exception> FailsAsync(Func<Task> call) => (await Assert.ThrowsAsync<ApiV2Exception>(async () => await call()))!;
}
