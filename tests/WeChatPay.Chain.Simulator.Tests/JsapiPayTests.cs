using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// A JSAPI payment end to end: the library places the order, <see cref="PaySign.ForJsapi"/> signs the front end's
/// parameters with the merchant key, the simulated user pays with them, and the query shows it paid.
/// </summary>
public sealed class JsapiPayTests : SimulatorTest
{
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    private WeChatPayClient Client()
    {
        var options = Server.Profile.ToClientOptions();
        if (Clock is { } clock) options.TimeProvider = clock;
        return Builder.Create(options);
    }

    private async Task<(string OutTradeNo, string PrepayId)> PlaceAsync(WeChatPayClient client, long total = 100)
    {
        var outTradeNo = "JS" + Guid.NewGuid().ToString("N")[..20];
        var placed = await client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", new
        {
            json = new
            {
                appid = SmartRetail.AppId,
                mchid = Server.Profile.MchId,
                description = "自助货柜-饮料",
                out_trade_no = outTradeNo,
                notify_url = "https://merchant.example/notify",
                amount = new { total, currency = "CNY" },
                payer = new { openid = OpenId },
            },
        });
        return (outTradeNo, (string)placed.Json["prepay_id"]!);
    }

    private RSA MerchantKey() => Rsa.LoadPrivateKey(Rsa.FilePrefix + Server.Profile.PrivateKeyPath);

    [Test]
    public async Task An_order_placed_through_the_library_is_paid_with_the_pay_sign_parameters()
    {
        using var client = Client();
        var (outTradeNo, prepayId) = await PlaceAsync(client);
        using var key = MerchantKey();
        var parameters = PaySign.ForJsapi(key, SmartRetail.AppId, prepayId);

        var paid = await Server.PayJsapiAsync(parameters);
        var queried = await client.SendAsync(HttpMethod.Get, "v3/pay/transactions/out-trade-no/{out_trade_no}", new { out_trade_no = outTradeNo, query = new { mchid = Server.Profile.MchId } });

        Assert.Multiple(() =>
        {
            Assert.That(prepayId, Does.Match("^wx[0-9a-f]{34}$"));
            Assert.That(paid.TradeState, Is.EqualTo("SUCCESS"));
            Assert.That((string?)queried.Json["trade_state"], Is.EqualTo("SUCCESS"));
            Assert.That((string?)queried.Json["transaction_id"], Is.EqualTo(paid.TransactionId));
            Assert.That((long?)queried.Json["amount"]!["total"], Is.EqualTo(100));
        });
    }

    [Test]
    public async Task The_control_endpoint_takes_the_parameters_as_the_front_end_sends_them()
    {
        using var client = Client();
        var (outTradeNo, prepayId) = await PlaceAsync(client);
        using var key = MerchantKey();
        var parameters = PaySign.ForJsapi(key, SmartRetail.AppId, prepayId);

        using var paid = await Merchant.Http.PostAsync("/simulator/pay/jsapi", new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(parameters), System.Text.Encoding.UTF8, "application/json"));
        var json = await paid.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(paid.StatusCode, Is.EqualTo(HttpStatusCode.OK), json?.ToJsonString());
        Assert.That(json!["trade_state"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That(Server.FindJsapiTransaction(outTradeNo)!.TradeState, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task A_pay_sign_by_another_key_is_refused_and_the_order_stays_unpaid()
    {
        using var client = Client();
        var (outTradeNo, prepayId) = await PlaceAsync(client);
        using var otherKey = RSA.Create(2048);

        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.PayJsapiAsync(PaySign.ForJsapi(otherKey, SmartRetail.AppId, prepayId))));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(error.Message, Does.Contain("paySign"));
        Assert.That(Server.FindJsapiTransaction(outTradeNo)!.TradeState, Is.EqualTo("NOTPAY"));
    }

    [Test]
    public async Task Parameters_altered_after_signing_are_refused()
    {
        using var client = Client();
        var (_, prepayId) = await PlaceAsync(client);
        using var key = MerchantKey();
        var signed = PaySign.ForJsapi(key, SmartRetail.AppId, prepayId);

        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.PayJsapiAsync(signed with { NonceStr = signed.NonceStr[1..] + "x" })));

        Assert.That(error!.Message, Does.Contain("paySign"));
    }

    [Test]
    public async Task An_order_cannot_be_paid_twice_nor_placed_again_with_other_parameters()
    {
        using var client = Client();
        var (outTradeNo, prepayId) = await PlaceAsync(client);
        using var key = MerchantKey();
        await Server.PayJsapiAsync(PaySign.ForJsapi(key, SmartRetail.AppId, prepayId));

        var twice = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.PayJsapiAsync(PaySign.ForJsapi(key, SmartRetail.AppId, prepayId))));

        Assert.That(twice!.Code, Is.EqualTo("ORDERPAID"));
    }

    [Test]
    public async Task Placing_the_same_out_trade_no_again_gives_the_same_prepay_id_or_an_invalid_request()
    {
        using var client = Client();
        var outTradeNo = "JS" + Guid.NewGuid().ToString("N")[..20];
        object Body(long total) => new
        {
            json = new
            {
                appid = SmartRetail.AppId, mchid = Server.Profile.MchId, description = "饮料", out_trade_no = outTradeNo,
                notify_url = "https://merchant.example/notify", amount = new { total }, payer = new { openid = OpenId },
            },
        };

        var first = await client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", Body(100));
        var again = await client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", Body(100));
        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", Body(200))));

        Assert.That((string?)again.Json["prepay_id"], Is.EqualTo((string?)first.Json["prepay_id"]));
        Assert.That(error!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [TestCase("mchid")]
    [TestCase("payer")]
    [TestCase("amount")]
    public async Task A_missing_or_wrong_field_is_a_param_error_naming_it(string field)
    {
        using var client = Client();
        var body = new Dictionary<string, object>
        {
            ["appid"] = SmartRetail.AppId, ["mchid"] = Server.Profile.MchId, ["description"] = "饮料", ["out_trade_no"] = "JS" + Guid.NewGuid().ToString("N")[..20],
            ["notify_url"] = "https://merchant.example/notify", ["amount"] = new { total = 1 }, ["payer"] = new { openid = OpenId },
        };
        if (field == "mchid") body["mchid"] = "1900000109";
        else body.Remove(field);

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", new { json = body })));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail?["field"], Is.EqualTo(field));
    }

    [Test]
    public async Task An_out_trade_no_ending_in_a_line_break_is_a_param_error()
    {
        using var client = Client();
        var body = new
        {
            appid = SmartRetail.AppId, mchid = Server.Profile.MchId, description = "饮料", out_trade_no = "JS" + Guid.NewGuid().ToString("N")[..20] + "\n",
            notify_url = "https://merchant.example/notify", amount = new { total = 1 }, payer = new { openid = OpenId },
        };

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", new { json = body })));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail?["field"], Is.EqualTo("out_trade_no"));
    }
}

/// <summary>The two-hour life of a prepay id, on the simulator's clock.</summary>
public sealed class JsapiPrepayExpiryTests : SimulatorTest
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override ManualClock? Clock => _clock;

    [Test]
    public async Task A_prepay_id_older_than_two_hours_cannot_be_paid()
    {
        var options = Server.Profile.ToClientOptions();
        options.TimeProvider = _clock;
        using var client = Builder.Create(options);
        var placed = await client.SendAsync(HttpMethod.Post, "v3/pay/transactions/jsapi", new
        {
            json = new
            {
                appid = SmartRetail.AppId, mchid = Server.Profile.MchId, description = "饮料", out_trade_no = "JS" + Guid.NewGuid().ToString("N")[..20],
                notify_url = "https://merchant.example/notify", amount = new { total = 1 }, payer = new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
            },
        });
        using var key = Rsa.LoadPrivateKey(Rsa.FilePrefix + Server.Profile.PrivateKeyPath);

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.PayJsapiAsync(PaySign.ForJsapi(key, SmartRetail.AppId, (string)placed.Json["prepay_id"]!, _clock))));

        Assert.That(error!.Message, Does.Contain("expired"));
    }
}
