using WeChatPay.Chain.Client;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The APIv2 flow <c>wxpay demo --v2</c> runs against an embedded simulator over HTTPS: a micropay whose payer types a
/// password, the order polled until paid, and a refund over mutual TLS — each step checked, in several call styles.
/// </summary>
internal static class ApiV2DemoFlow
{
    private const string AppId = "wxd678efh567hg6787";

    public static async Task<bool> RunAsync(string profileDirectory, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var transcript = new Transcript(stdout, stderr);
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = profileDirectory, Https = true }, cancellationToken);
        transcript.Info($"simulator on {simulator.BaseUri} (mchid {simulator.Profile.MchId}, HTTPS with its own certificate, fresh keys in {profileDirectory})");

        var options = Credentials.FromProfile(profileDirectory);
        options.BaseUri = simulator.BaseUri;
        using var client = new WeChatPayClient(options);
        dynamic wx = client.Root;
        var mchId = client.MchId;
        var outTradeNo = "DEMOV2" + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + Random.Shared.Next(1000, 9999);
        var order = new { xml = new { appid = AppId, mch_id = mchId, out_trade_no = outTradeNo } };

        // 1. async, chained: $instance->v2->pay->micropay->postAsync(['xml' => [...]]); the payer must type a password.
        try
        {
            await wx.V2.Pay.Micropay.PostAsync(new
            {
                xml = new { appid = AppId, mch_id = mchId, body = "自助零售柜-矿泉水", out_trade_no = outTradeNo, total_fee = 400, spbill_create_ip = "8.8.8.8", auth_code = SimulatedAuthCodes.WaitsForPassword },
            }, cancellationToken);
            return transcript.Check(false, "micropay answers USERPAYING for a payer who must type a password");
        }
        catch (ApiV2Exception e) when (e.IsUserPaying)
        {
            if (!transcript.Check(e.Response.Call?.Verification == ResponseVerification.Verified, "micropay: USERPAYING, its sign verified; poll the order")) return false;
        }

        // 2. async, Chain(): ->chain('v2/pay/orderquery')->postAsync(...) — still waiting.
        WeChatPayResponse waiting = await wx.Chain("v2/pay/orderquery").PostAsync(order, cancellationToken);
        if (!transcript.Step("query", "async, Chain()", waiting, "trade_state", waiting.Xml["trade_state"], "USERPAYING")) return false;

        // 3. sync, indexer: ['v2/pay/orderquery']->post(...) — paid now.
        WeChatPayResponse paid = wx["v2/pay/orderquery"].Post(order);
        if (!transcript.Step("query", "sync, indexer", paid, "trade_state", paid.Xml["trade_state"], "SUCCESS")) return false;

        // 4. sync, chained, mutual TLS: ->v2->secapi->pay->refund->post(['xml' => [...], 'security' => true])
        WeChatPayResponse refunded = wx.V2.Secapi.Pay.Refund.Post(new
        {
            xml = new { appid = AppId, mch_id = mchId, out_trade_no = outTradeNo, out_refund_no = "R" + outTradeNo, total_fee = 400, refund_fee = 400, sign_type = "HMAC-SHA256" },
            security = true,
        });
        if (!transcript.Step("refund", "sync, chained", refunded, "refund_fee", refunded.Xml["refund_fee"], "400")) return false;

        transcript.Info("every step checked out: APIv2 requests signed (MD5 and HMAC-SHA256), answers verified, the refund sent over mutual TLS");
        return true;
    }
}
