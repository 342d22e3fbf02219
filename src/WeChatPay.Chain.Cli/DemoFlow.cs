using WeChatPay.Chain.Client;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The smart-retail flow the demo runs, one call style per step, each step checked. What it prints is a transcript
/// a reader can follow; it uses only what a merchant's own code would use, plus the simulator's user actions. In 国密
/// the simulated merchant takes SM2-signed requests only, and every answer and notification must come signed under
/// the SM2 platform certificate.
/// </summary>
internal static class DemoFlow
{
    private const string AppId = "wxd678efh567hg6787";
    private const string ServiceId = "500001";

    public static async Task<bool> RunAsync(string profileDirectory, SignatureScheme scheme, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var sm2 = scheme == SignatureScheme.Sm2WithSm3;
        var transcript = new Transcript(stdout, stderr);
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorSettings
        {
            ProfileDirectory = profileDirectory,
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)],
            Scheme = scheme,
        }, cancellationToken);
        transcript.Info($"simulator on {simulator.BaseUri} (mchid {simulator.Profile.MchId}, fresh keys in {profileDirectory})");
        if (sm2) transcript.Info($"国密: requests signed WECHATPAY2-SM2-WITH-SM3 under SM2 serial {simulator.Profile.Sm2MerchantSerial}; answers verified with SM2 platform certificate {simulator.Profile.Sm2PlatformCertificateSerial}");

        var options = Credentials.FromProfile(profileDirectory, scheme);
        options.BaseUri = simulator.BaseUri;
        using var client = new WeChatPayClient(options);
        await using var receiver = await NotificationReceiver.StartAsync(client.Notifications, cancellationToken);
        dynamic wx = client.Root;

        var outOrderNo = "DEMO" + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + Random.Shared.Next(1000, 9999);
        var query = new { query = new { service_id = ServiceId, out_order_no = outOrderNo, appid = AppId } };

        // 1. async, chained: $instance->v3->payscore->smartretailOrders->postAsync([...])
        WeChatPayResponse created = await wx.V3.Payscore.SmartretailOrders.PostAsync(new
        {
            json = new
            {
                appid = AppId,
                service_id = ServiceId,
                out_order_no = outOrderNo,
                service_introduction = "自助零售柜",
                service_start_time = "OnAccept",
                service_start_location = "1号柜",
                risk_amount = 10000,
                notify_url = receiver.Url.ToString(),
            },
        }, cancellationToken);
        if (!transcript.Step("create", "async, chained", created, "state", "CREATED")) return false;

        // 2. async, declarative: $instance->chain('v3/payscore/smartretail-orders')->getAsync([...])
        WeChatPayResponse queried = await wx.Chain("v3/payscore/smartretail-orders").GetAsync(query, cancellationToken);
        if (!transcript.Step("query", "async, Chain()", queried, "state", "CREATED")) return false;

        await simulator.AcceptOrderAsync(outOrderNo, cancellationToken);
        transcript.Info("the user accepts the order in WeChat (simulator)");
        var confirmed = await receiver.NextAsync(TimeSpan.FromSeconds(10), cancellationToken);
        if (!transcript.Notification(confirmed, outOrderNo, "PAYSCORE.USER_CONFIRM", "USER_ACCEPTED")) return false;

        // 3. async, indexer: $instance['v3/payscore/smartretail-orders']->getAsync([...])
        WeChatPayResponse accepted = await wx["v3/payscore/smartretail-orders"].GetAsync(query, cancellationToken);
        if (!transcript.Step("query", "async, indexer", accepted, "state", "USER_ACCEPTED")) return false;
        var finishTicket = (string?)accepted.Json["finish_ticket"];
        if (!transcript.Check(!string.IsNullOrEmpty(finishTicket), "finish_ticket present after acceptance")) return false;

        // 4. sync, chained, with a placeholder: ->smartretailOrders->_out_order_no_->complete->post([...])
        WeChatPayResponse completed = wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.Post(new
        {
            out_order_no = outOrderNo,
            json = new
            {
                appid = AppId,
                service_id = ServiceId,
                finish_type = 2,
                real_service_end_time = DateTimeOffset.Now.ToString("yyyyMMddHHmmss"),
                fees = new[] { new { fee_name = "矿泉水", fee_count = 2, fee_amount = 400 }, new { fee_name = "面包", fee_count = 1, fee_amount = 850 } },
                discounts = new[] { new { discount_name = "新客立减", discount_amount = 50 } },
                total_amount = 1200,
                finish_ticket = finishTicket,
            },
        });
        if (!transcript.Step("complete", "sync, chained", completed, "out_order_no", outOrderNo)) return false;

        // 5. sync, declarative: $instance->chain('v3/payscore/smartretail-orders')->get([...])
        WeChatPayResponse finished = wx.Chain("v3/payscore/smartretail-orders").Get(query);
        if (!transcript.Step("query", "sync, Chain()", finished, "state", "FINISHED")) return false;

        await simulator.PayOrderAsync(outOrderNo, cancellationToken);
        transcript.Info("the user pays 12.00 yuan (simulator)");
        var paid = await receiver.NextAsync(TimeSpan.FromSeconds(10), cancellationToken);
        if (!transcript.Notification(paid, outOrderNo, "PAYSCORE.USER_PAID", "USER_PAID")) return false;

        // 6. sync, indexer: $instance['v3/payscore/smartretail-orders']->get([...])
        WeChatPayResponse afterPayment = wx["v3/payscore/smartretail-orders"].Get(query);
        if (!transcript.Step("query", "sync, indexer", afterPayment, "state", "USER_PAID")) return false;
        if (!transcript.Check((long?)afterPayment.Json["total_amount"] == 1200, "total_amount 1200 fen = fees 1250 - discounts 50")) return false;

        var platformSerial = sm2 ? simulator.Profile.Sm2PlatformCertificateSerial : simulator.Profile.PlatformCertificateSerial;
        var answers = new[] { created, queried, accepted, completed, finished, afterPayment };
        if (!transcript.Check(answers.All(answer => answer.Header("Wechatpay-Serial") == platformSerial), $"every answer signed under the {(sm2 ? "SM2" : "RSA")} platform certificate {platformSerial}")) return false;
        var cipher = sm2 ? Crypto.AeadSm4Gcm.Algorithm : Crypto.AeadAesGcm.Algorithm;
        if (!transcript.Check(new[] { confirmed, paid }.All(notification => (string?)notification.Envelope["resource"]?["algorithm"] == cipher), $"both notifications encrypted with {cipher}")) return false;

        transcript.Info($"every step checked out{(sm2 ? " in 国密" : "")}: requests signed, responses and notifications verified");
        return true;
    }
}
