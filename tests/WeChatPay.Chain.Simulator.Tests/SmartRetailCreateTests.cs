namespace WeChatPay.Chain.Simulator.Tests;

public sealed class SmartRetailCreateTests : SimulatorTest
{
    private static void AssertParamError(ApiAnswer answer, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
            Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"), answer.ToString());
            Assert.That(answer.Json["detail"]?["field"]?.GetValue<string>(), Is.EqualTo(field), answer.ToString());
            Assert.That(answer.Json["message"]?.GetValue<string>(), Does.Contain(field));
        });
    }

    private async Task<ApiAnswer> CreateAsync(Action<Dictionary<string, object?>> adjust)
    {
        var body = SmartRetail.CreateBody(SmartRetail.NewOutOrderNo());
        adjust(body);
        return await Merchant.PostAsync(SmartRetail.Path, body);
    }

    [Test]
    public async Task Create_returns_the_order_created_with_its_identifiers()
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var answer = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(outOrderNo));

        var json = answer.Json;
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
            Assert.That(json["appid"]!.GetValue<string>(), Is.EqualTo(SmartRetail.AppId));
            Assert.That(json["mchid"]!.GetValue<string>(), Is.EqualTo(Server.Profile.MchId));
            Assert.That(json["out_order_no"]!.GetValue<string>(), Is.EqualTo(outOrderNo));
            Assert.That(json["service_id"]!.GetValue<string>(), Is.EqualTo(SmartRetail.ServiceId));
            Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("CREATED"));
            Assert.That(json["order_id"]!.GetValue<string>(), Does.Match("^[0-9]+$"));
            Assert.That(json["package"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(json["miniprogram_appid"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.Created));
        });
    }

    [Test]
    public async Task Create_repeated_with_the_same_parameters_returns_the_same_order()
    {
        var body = SmartRetail.CreateBody(SmartRetail.NewOutOrderNo());

        var first = await Merchant.PostAsync(SmartRetail.Path, body);
        var second = await Merchant.PostAsync(SmartRetail.Path, body);

        Assert.That((int)second.Status, Is.EqualTo(200), second.ToString());
        Assert.That(second.Json["order_id"]!.GetValue<string>(), Is.EqualTo(first.Json["order_id"]!.GetValue<string>()));
        Assert.That(Server.Orders, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_repeated_with_different_parameters_is_an_invalid_request()
    {
        var body = SmartRetail.CreateBody(SmartRetail.NewOutOrderNo());
        await Merchant.PostAsync(SmartRetail.Path, body);
        body["attach"] = "another shelf";

        var second = await Merchant.PostAsync(SmartRetail.Path, body);

        Assert.That((int)second.Status, Is.EqualTo(400), second.ToString());
        Assert.That(second.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(second.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("out_order_no"));
        Assert.That(Server.Orders, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Out_order_numbers_differing_only_in_case_are_two_orders()
    {
        var upper = SmartRetail.NewOutOrderNo().ToUpperInvariant();

        await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(upper));
        var lower = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(upper.ToLowerInvariant()));

        Assert.That((int)lower.Status, Is.EqualTo(200), lower.ToString());
        Assert.That(Server.Orders, Has.Count.EqualTo(2));
    }

    [TestCase("appid")]
    [TestCase("out_order_no")]
    [TestCase("service_id")]
    public async Task A_missing_required_field_is_a_param_error_naming_it(string field)
    {
        AssertParamError(await CreateAsync(body => body.Remove(field)), field);
    }

    [Test]
    public async Task An_empty_required_field_is_a_param_error_naming_it()
    {
        AssertParamError(await CreateAsync(body => body["appid"] = ""), "appid");
    }

    [TestCase("123456789012345678901234567890123")]
    [TestCase("A/B")]
    [TestCase("A B")]
    [TestCase("订单1")]
    [TestCase("A#1")]
    [TestCase("A1\n")]
    public async Task An_out_order_no_outside_the_rule_is_a_param_error(string outOrderNo)
    {
        AssertParamError(await CreateAsync(body => body["out_order_no"] = outOrderNo), "out_order_no");
    }

    [Test]
    public async Task An_out_order_no_of_32_allowed_characters_is_accepted()
    {
        var answer = await CreateAsync(body => body["out_order_no"] = "aZ09_-|*" + SmartRetail.NewOutOrderNo()[..21] + "xyz");

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
    }

    [Test]
    public async Task A_field_of_the_wrong_type_is_a_param_error()
    {
        AssertParamError(await CreateAsync(body => body["service_id"] = 500001), "service_id");
    }

    [TestCase(-1)]
    [TestCase(1.5)]
    [TestCase("300")]
    public async Task A_fee_amount_that_is_not_a_non_negative_integer_is_a_param_error(object amount)
    {
        AssertParamError(await CreateAsync(body => body["fees"] = new[] { new Dictionary<string, object> { ["fee_name"] = "饮料", ["fee_amount"] = amount } }), "fees[0].fee_amount");
    }

    [Test]
    public async Task A_negative_risk_amount_is_a_param_error()
    {
        AssertParamError(await CreateAsync(body => body["risk_amount"] = -100), "risk_amount");
    }

    [Test]
    public async Task More_than_five_discounts_is_a_param_error()
    {
        var discounts = Enumerable.Range(1, 6).Select(i => new Dictionary<string, object> { ["discount_name"] = $"优惠{i}" }).ToArray();

        AssertParamError(await CreateAsync(body => body["discounts"] = discounts), "discounts");
    }

    [Test]
    public async Task Five_discounts_are_accepted()
    {
        var discounts = Enumerable.Range(1, 5).Select(i => new Dictionary<string, object> { ["discount_name"] = $"优惠{i}" }).ToArray();

        var answer = await CreateAsync(body => body["discounts"] = discounts);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
    }

    [Test]
    public async Task A_notify_url_that_is_not_http_is_a_param_error()
    {
        AssertParamError(await CreateAsync(body => body["notify_url"] = "ftp://example.com/notify"), "notify_url");
    }

    [TestCase("{\"appid\":")]
    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("")]
    public async Task A_body_that_is_not_a_json_object_is_a_param_error(string body)
    {
        var answer = await Merchant.SendAsync(HttpMethod.Post, SmartRetail.Path, body);

        AssertParamError(answer, "body");
    }
}
