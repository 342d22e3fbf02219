using System.Net;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Simulator.Tests.Docs;

/// <summary>
/// docs/smartretail.md, run. Every C# block of the page is a <c>#region doc</c> here, run against the simulator with the
/// checks around it (<see cref="The_page_shows_the_regions_of_this_file"/> keeps the two the same); the rest holds each
/// call style and each refusal of the page's error table to what the page says.
/// </summary>
public sealed class SmartRetailDocTests
{
    private const string appid = "wxd678efh567hg6787";
    private const string service_id = "500001";
    private const string Orders = "v3/payscore/smartretail-orders";
    private const string Cancel = Orders + "/{out_order_no}/cancel";
    private const string Complete = Orders + "/{out_order_no}/complete";

    /// <summary>The six ways to make a call: chained, <c>Chain("…")</c> or indexer, each async or sync.</summary>
    public enum CallStyle
    {
        AsyncChained,
        AsyncChain,
        AsyncIndexer,
        SyncChained,
        SyncChain,
        SyncIndexer,
    }

    /// <summary>What the order of a refusal's row is made to be before the refused call.</summary>
    public enum Before
    {
        NoOrder,
        Created,
        Accepted,
        Expired,
    }

    [Test]
    public void The_page_shows_the_regions_of_this_file()
        => DocSamples.AssertRegionsShown("docs/smartretail.md", "tests/WeChatPay.Chain.Simulator.Tests/Docs/SmartRetailDocTests.cs");

    [Test]
    public async Task An_order_is_created_queried_confirmed_completed_and_paid()
    {
        var profile = SharedProfile.Directory;
        #region doc: the client
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = profile });
        dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());   // against WeChat Pay: your own ClientOptions
        const string appid = "wxd678efh567hg6787";                            // snake_case, so that new { appid, service_id }
        const string service_id = "500001";                                   // reads like the PHP array it is ported from
        #endregion

        #region doc: create
        var out_order_no = "SR" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");   // 1 to 32 of 0-9 A-Z a-z _ - | *
        WeChatPayResponse created = await wx.V3.Payscore.SmartretailOrders.PostAsync(new
        {
            json = new
            {
                appid,
                service_id,
                out_order_no,
                service_introduction = "自助零售柜",
                service_start_time = "OnAccept",
                service_start_location = "1号柜",
                fees = new[] { new { fee_name = "饮料", fee_desc = "3.00元/瓶" }, new { fee_name = "面包", fee_desc = "8.50元/个" } },
                discounts = new[] { new { discount_name = "新客立减", discount_desc = "首单立减0.50元" } },
                risk_amount = 10000,                                                     // fen: 100.00 yuan
                attach = "cabinet=1",
            },
        });
        var state = (string?)created.Json["state"];          // "CREATED"
        var package = (string?)created.Json["package"];      // opens the confirmation mini program
        #endregion
        Assert.Multiple(() =>
        {
            Assert.That(state, Is.EqualTo("CREATED"));
            Assert.That(package, Does.StartWith("SIM."));
            Assert.That((string?)created.Json["out_order_no"], Is.EqualTo(out_order_no));
            Assert.That((string?)created.Json["miniprogram_businesstype"], Is.EqualTo("wxpayScoreUse"));
            Assert.That((string?)created.Json["mchid"], Is.EqualTo(simulator.Profile.MchId));
        });

        #region doc: query
        WeChatPayResponse order = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
        var order_id = (string?)order.Json["order_id"];
        WeChatPayResponse same = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, query_id = order_id, appid } });
        #endregion
        Assert.Multiple(() =>
        {
            Assert.That((string?)order.Json["state"], Is.EqualTo("CREATED"));
            Assert.That((long?)order.Json["risk_amount"], Is.EqualTo(10000));
            Assert.That((string?)order.Json["service_introduction"], Is.EqualTo("自助零售柜"));
            Assert.That((string?)order.Json["fees"]?[1]?["fee_name"], Is.EqualTo("面包"));
            Assert.That(order.Json["finish_ticket"], Is.Null);
            Assert.That(order_id, Is.EqualTo((string?)created.Json["order_id"]));
            Assert.That((string?)same.Json["out_order_no"], Is.EqualTo(out_order_no));
        });

        #region doc: the user confirms
        await simulator.AcceptOrderAsync(out_order_no);     // what the user does in WeChat: CREATED → USER_ACCEPTED
        WeChatPayResponse accepted = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
        var finish_ticket = (string?)accepted.Json["finish_ticket"];
        #endregion
        Assert.That((string?)accepted.Json["state"], Is.EqualTo("USER_ACCEPTED"));
        Assert.That(finish_ticket, Is.Not.Empty);
        Assert.That((string?)accepted.Json["openid"], Is.Not.Empty);

        #region doc: complete
        WeChatPayResponse completed = await wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.PostAsync(new
        {
            out_order_no,                                          // fills {out_order_no} in the path
            json = new
            {
                appid,
                service_id,
                finish_type = 2,                                   // 2: charge the fees; 1: call the order off
                real_service_end_time = DateTime.Now.ToString("yyyyMMddHHmmss"),
                real_service_end_location = "1号柜",
                fees = new[]
                {
                    new { fee_name = "饮料", fee_count = 2, fee_amount = 600, fee_desc = "3.00元/瓶" },
                    new { fee_name = "面包", fee_count = 1, fee_amount = 850, fee_desc = "8.50元/个" },
                },
                discounts = new[] { new { discount_name = "新客立减", discount_amount = 50, discount_desc = "首单立减0.50元" } },
                total_amount = 1400,                               // 600 + 850 - 50
                finish_ticket,
                profit_sharing = false,
            },
        });
        #endregion
        Assert.That((string?)completed.Json["order_id"], Is.EqualTo(order_id));
        Assert.That(simulator.FindOrder(out_order_no)!.State, Is.EqualTo(SmartRetailOrderState.Finished));

        #region doc: the deduction
        await simulator.PayOrderAsync(out_order_no);        // the deduction succeeds: FINISHED → USER_PAID
        WeChatPayResponse paid = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
        var total_amount = (long?)paid.Json["total_amount"];                    // 1400
        var finish_transaction_id = (string?)paid.Json["finish_transaction_id"];
        #endregion
        Assert.Multiple(() =>
        {
            Assert.That((string?)paid.Json["state"], Is.EqualTo("USER_PAID"));
            Assert.That(total_amount, Is.EqualTo(1400));
            Assert.That(finish_transaction_id, Is.Not.Empty);
            Assert.That((string?)paid.Json["pay_type"], Is.EqualTo("DEDUCT"));
            Assert.That((int?)paid.Json["finish_type"], Is.EqualTo(2));
            Assert.That((string?)paid.Json["pay_succ_time"], Does.Match(@"^\d{14}$"));
            Assert.That((long?)paid.Json["discounts"]?[0]?["discount_amount"], Is.EqualTo(50));
            Assert.That((string?)paid.Json["real_service_end_location"], Is.EqualTo("1号柜"));
        });
    }

    [Test]
    public async Task An_order_the_user_has_not_confirmed_is_cancelled()
    {
        await using var simulator = await StartAsync();
        dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());

        #region doc: cancel
        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid, service_id, out_order_no = "SR-CANCEL-1" } });
        WeChatPayResponse cancelled = await wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.PostAsync(new
        {
            out_order_no = "SR-CANCEL-1",
            json = new { appid, service_id, reason = "用户未取货" },
        });
        #endregion

        Assert.That((string?)cancelled.Json["out_order_no"], Is.EqualTo("SR-CANCEL-1"));
        WeChatPayResponse order = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no = "SR-CANCEL-1", appid } });
        Assert.That((string?)order.Json["state"], Is.EqualTo("REVOKED"));
        Assert.That((string?)order.Json["cancel_reason"], Is.EqualTo("用户未取货"));
    }

    [Test]
    public async Task An_order_is_called_off_whether_or_not_the_user_has_confirmed_it()
    {
        await using var simulator = await StartAsync();
        dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());

        async Task CallOffAsync(string out_order_no)
        {
            #region doc: call off
            WeChatPayResponse current = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
            if ((string?)current.Json["state"] == "CREATED")
            {
                await wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.PostAsync(new
                {
                    out_order_no,
                    json = new { appid, service_id, reason = "商品缺货" },
                });
            }
            else if ((string?)current.Json["state"] == "USER_ACCEPTED")
            {
                await wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.PostAsync(new
                {
                    out_order_no,
                    json = new { appid, service_id, finish_type = 1, cancel_reason = "商品缺货", finish_ticket = (string?)current.Json["finish_ticket"] },
                });
            }
            #endregion
        }

        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid, service_id, out_order_no = "OFF-1" } });
        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid, service_id, out_order_no = "OFF-2" } });
        await simulator.AcceptOrderAsync("OFF-2");

        await CallOffAsync("OFF-1");
        await CallOffAsync("OFF-2");

        WeChatPayResponse first = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no = "OFF-1", appid } });
        WeChatPayResponse second = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no = "OFF-2", appid } });
        Assert.Multiple(() =>
        {
            Assert.That((string?)first.Json["state"], Is.EqualTo("REVOKED"));
            Assert.That(first.Json["finish_type"], Is.Null);
            Assert.That((string?)second.Json["state"], Is.EqualTo("REVOKED"));
            Assert.That((int?)second.Json["finish_type"], Is.EqualTo(1));
            Assert.That((string?)second.Json["cancel_reason"], Is.EqualTo("商品缺货"));
        });
    }

    [Test]
    public async Task The_six_call_styles_cancel_six_orders()
    {
        await using var simulator = await StartAsync();
        dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());
        foreach (var number in new[] { "C1", "C2", "C3", "C4", "C5", "C6" })
            await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid, service_id, out_order_no = number } });

        #region doc: six styles
        var reason = new { appid, service_id, reason = "用户未取货" };
        // async: chained, Chain("…"), indexer
        WeChatPayResponse r1 = await wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.PostAsync(new { out_order_no = "C1", json = reason });
        WeChatPayResponse r2 = await wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/cancel").PostAsync(new { out_order_no = "C2", json = reason });
        WeChatPayResponse r3 = await wx["v3/payscore/smartretail-orders/{out_order_no}/cancel"].PostAsync(new { out_order_no = "C3", json = reason });
        // sync: the same three without Async
        WeChatPayResponse r4 = wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.Post(new { out_order_no = "C4", json = reason });
        WeChatPayResponse r5 = wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/cancel").Post(new { out_order_no = "C5", json = reason });
        WeChatPayResponse r6 = wx["v3/payscore/smartretail-orders/{out_order_no}/cancel"].Post(new { out_order_no = "C6", json = reason });
        #endregion

        var answers = new[] { r1, r2, r3, r4, r5, r6 };
        Assert.That(answers.Select(answer => answer.RequestTarget), Is.EqualTo(Enumerable.Range(1, 6).Select(i => $"/v3/payscore/smartretail-orders/C{i}/cancel")));
        Assert.That(answers.Select(answer => (string?)answer.Json["out_order_no"]), Is.EqualTo(new[] { "C1", "C2", "C3", "C4", "C5", "C6" }));
        Assert.That(simulator.Orders.Select(order => order.State), Is.All.EqualTo(SmartRetailOrderState.Revoked));
    }

    [Test]
    public async Task A_refusal_is_an_ApiException_with_the_code_and_the_field()
    {
        await using var simulator = await StartAsync();
        dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());
        const string out_order_no = "SR-ERR-1";
        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid, service_id, out_order_no } });
        var finish_ticket = (await simulator.AcceptOrderAsync(out_order_no)).FinishTicket;
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            #region doc: errors
            try
            {
                await wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.PostAsync(new
                {
                    out_order_no,
                    json = new
                    {
                        appid, service_id, finish_type = 2, finish_ticket,
                        fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } },
                        total_amount = 250,                        // not 300 - 0: refused
                    },
                });
            }
            catch (ApiException e) when (e.Code == "PARAM_ERROR")
            {
                Console.WriteLine($"{(int)e.StatusCode} {e.Code} on {e.Detail?["field"]}: {e.Detail?["issue"]} (Request-ID {e.RequestId})");
            }
            #endregion
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(printed.ToString(), Does.Match(@"^400 PARAM_ERROR on total_amount: must equal the sum of fees\[\]\.fee_amount less the sum of discounts\[\]\.discount_amount, 300; it is 250 \(Request-ID \S+\)\r?\n$"));
        Assert.That(simulator.FindOrder(out_order_no)!.State, Is.EqualTo(SmartRetailOrderState.UserAccepted));
    }

    [Test]
    public async Task Creating_again_with_the_same_fields_answers_the_same_order()
    {
        await using var simulator = await StartAsync();
        using var client = Builder.Create(simulator.Profile.ToClientOptions());
        var create = new { json = new { appid, service_id, out_order_no = "SR-RETRY-1", risk_amount = 500 } };

        var first = await client.SendAsync(HttpMethod.Post, Orders, create);
        var again = await client.SendAsync(HttpMethod.Post, Orders, create);

        Assert.That((string?)again.Json["order_id"], Is.EqualTo((string?)first.Json["order_id"]));
        Assert.That(simulator.Orders, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Each_call_style_creates_queries_cancels_and_completes([Values] CallStyle style)
    {
        await using var simulator = await StartAsync();
        using var client = Builder.Create(simulator.Profile.ToClientOptions());
        var kept = "K-" + style;
        var dropped = "D-" + style;

        var created = await CallAsync(client, style, HttpMethod.Post, Orders, new { json = new { appid, service_id, out_order_no = kept, risk_amount = 500 } });
        await CallAsync(client, style, HttpMethod.Post, Orders, new { json = new { appid, service_id, out_order_no = dropped } });
        var queried = await CallAsync(client, style, HttpMethod.Get, Orders, new { query = new { service_id, out_order_no = kept, appid } });
        var cancelled = await CallAsync(client, style, HttpMethod.Post, Cancel, new { out_order_no = dropped, json = new { appid, service_id, reason = "用户未取货" } });
        var ticket = (await simulator.AcceptOrderAsync(kept)).FinishTicket;
        var completed = await CallAsync(client, style, HttpMethod.Post, Complete, new
        {
            out_order_no = kept,
            json = new { appid, service_id, finish_type = 2, fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } }, total_amount = 300, finish_ticket = ticket },
        });
        var finished = await CallAsync(client, style, HttpMethod.Get, Orders, new { query = new { service_id, query_id = (string?)created.Json["order_id"], appid } });

        Assert.Multiple(() =>
        {
            Assert.That((string?)created.Json["state"], Is.EqualTo("CREATED"));
            Assert.That((long?)queried.Json["risk_amount"], Is.EqualTo(500));
            Assert.That((string?)cancelled.Json["out_order_no"], Is.EqualTo(dropped));
            Assert.That(simulator.FindOrder(dropped)!.State, Is.EqualTo(SmartRetailOrderState.Revoked));
            Assert.That((string?)completed.Json["order_id"], Is.EqualTo((string?)created.Json["order_id"]));
            Assert.That((string?)finished.Json["state"], Is.EqualTo("FINISHED"));
            Assert.That((long?)finished.Json["total_amount"], Is.EqualTo(300));
        });
    }

    [Test]
    public async Task Each_call_style_throws_ApiException_for_a_refusal([Values] CallStyle style)
    {
        await using var simulator = await StartAsync();
        using var client = Builder.Create(simulator.Profile.ToClientOptions());
        await client.SendAsync(HttpMethod.Post, Orders, new { json = new { appid, service_id, out_order_no = "E1" } });
        await simulator.AcceptOrderAsync("E1");

        var badNumber = await RefusedAsync(() => CallAsync(client, style, HttpMethod.Post, Orders, new { json = new { appid, service_id, out_order_no = "E 2" } }));
        var unknown = await RefusedAsync(() => CallAsync(client, style, HttpMethod.Get, Orders, new { query = new { service_id, out_order_no = "E404", appid } }));
        var confirmed = await RefusedAsync(() => CallAsync(client, style, HttpMethod.Post, Cancel, new { out_order_no = "E1", json = new { appid, service_id, reason = "用户未取货" } }));

        Assert.Multiple(() =>
        {
            Assert.That((badNumber.StatusCode, badNumber.Code, (string?)badNumber.Detail?["field"]), Is.EqualTo((HttpStatusCode.BadRequest, "PARAM_ERROR", "out_order_no")));
            Assert.That((unknown.StatusCode, unknown.Code), Is.EqualTo((HttpStatusCode.NotFound, "ORDER_NOT_EXIST")));
            Assert.That((confirmed.StatusCode, confirmed.Code), Is.EqualTo((HttpStatusCode.BadRequest, "INVALID_REQUEST")));
            Assert.That(confirmed.ErrorMessage, Does.Contain("is USER_ACCEPTED; cancel needs it to be CREATED"));
        });
    }

    /// <summary>The rows of the page's error table, each refused as the table says.</summary>
    [TestCaseSource(nameof(Refusals))]
    public async Task The_error_table_holds(Before before, string method, string path, Func<string, string?, object> options, int status, string code, string? field, string message)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var simulator = await StartAsync(clock);
        var clientOptions = simulator.Profile.ToClientOptions();
        clientOptions.TimeProvider = clock;
        using var client = Builder.Create(clientOptions);
        const string number = "ROW-1";
        string? ticket = null;
        if (before != Before.NoOrder)
            await client.SendAsync(HttpMethod.Post, Orders, new { json = new { appid, service_id, out_order_no = number, service_introduction = "自助零售柜" } });
        if (before == Before.Accepted) ticket = (await simulator.AcceptOrderAsync(number)).FinishTicket;
        if (before == Before.Expired) clock.Advance(TimeSpan.FromHours(1));

        var error = await RefusedAsync(() => client.SendAsync(new HttpMethod(method), path, options(number, ticket)));

        Assert.Multiple(() =>
        {
            Assert.That((int)error.StatusCode, Is.EqualTo(status), error.Response.Text);
            Assert.That(error.Code, Is.EqualTo(code), error.Response.Text);
            Assert.That((string?)error.Detail?["field"], Is.EqualTo(field), error.Response.Text);
            Assert.That(error.ErrorMessage, Does.Contain(message));
        });
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        static TestCaseData Row(string name, Before before, string method, string path, Func<string, string?, object> options, int status, string code, string? field, string message)
            => new TestCaseData(before, method, path, options, status, code, field, message).SetName("The_error_table_holds: " + name);

        var fee = new { fee_name = "饮料", fee_count = 1, fee_amount = 300 };
        object Finish(string ticket, object fees, int total, object? discounts = null) => new { appid, service_id, finish_type = 2, fees, discounts, total_amount = total, finish_ticket = ticket };

        // create
        yield return Row("create without appid", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { service_id, out_order_no = no } }, 400, "PARAM_ERROR", "appid", "is required");
        yield return Row("create with 33 characters of out_order_no", Before.NoOrder, "POST", Orders, (_, _) => new { json = new { appid, service_id, out_order_no = new string('A', 33) } }, 400, "PARAM_ERROR", "out_order_no", "1 to 32 characters");
        yield return Row("create with a space in out_order_no", Before.NoOrder, "POST", Orders, (_, _) => new { json = new { appid, service_id, out_order_no = "SR 1" } }, 400, "PARAM_ERROR", "out_order_no", "0-9, A-Z, a-z, _, -, | and *");
        yield return Row("create with 21 characters of service_introduction", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, service_introduction = new string('柜', 21) } }, 400, "PARAM_ERROR", "service_introduction", "at most 20 characters");
        yield return Row("create with six discounts", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, discounts = Enumerable.Range(1, 6).Select(i => new { discount_name = "优惠" + i }).ToArray() } }, 400, "PARAM_ERROR", "discounts", "at most 5 items");
        yield return Row("create with a negative risk_amount", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, risk_amount = -1 } }, 400, "PARAM_ERROR", "risk_amount", "non-negative integer amount in fen");
        yield return Row("create with risk_amount in yuan", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, risk_amount = 100.5 } }, 400, "PARAM_ERROR", "risk_amount", "non-negative integer amount in fen");
        yield return Row("create with risk_amount as a string", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, risk_amount = "10000" } }, 400, "PARAM_ERROR", "risk_amount", "non-negative integer amount in fen");
        yield return Row("create with a fee without fee_name", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, fees = new[] { new { fee_desc = "按件" } } } }, 400, "PARAM_ERROR", "fees[0].fee_name", "is required");
        yield return Row("create with an ftp notify_url", Before.NoOrder, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, notify_url = "ftp://127.0.0.1/notify" } }, 400, "PARAM_ERROR", "notify_url", "absolute http or https URL");
        yield return Row("create again with other fields", Before.Created, "POST", Orders, (no, _) => new { json = new { appid, service_id, out_order_no = no, service_introduction = "另一个货柜" } }, 400, "INVALID_REQUEST", "out_order_no", "already exists with different parameters");

        // query
        yield return Row("query without out_order_no or query_id", Before.Created, "GET", Orders, (_, _) => new { query = new { service_id, appid } }, 400, "PARAM_ERROR", "out_order_no", "exactly one of out_order_no and query_id");
        yield return Row("query with both out_order_no and query_id", Before.Created, "GET", Orders, (no, _) => new { query = new { service_id, out_order_no = no, query_id = "1", appid } }, 400, "PARAM_ERROR", "out_order_no", "exactly one of out_order_no and query_id");
        yield return Row("query without service_id", Before.Created, "GET", Orders, (no, _) => new { query = new { out_order_no = no, appid } }, 400, "PARAM_ERROR", "service_id", "is required");
        yield return Row("query an unknown out_order_no", Before.NoOrder, "GET", Orders, (no, _) => new { query = new { service_id, out_order_no = no, appid } }, 404, "ORDER_NOT_EXIST", null, "No order has out_order_no");
        yield return Row("query an unknown query_id", Before.NoOrder, "GET", Orders, (_, _) => new { query = new { service_id, query_id = "1000202501010000000000001", appid } }, 404, "ORDER_NOT_EXIST", null, "No order has order_id");
        yield return Row("query with another appid", Before.Created, "GET", Orders, (no, _) => new { query = new { service_id, out_order_no = no, appid = "wx0000000000000000" } }, 400, "INVALID_REQUEST", "appid", "is not the appid");

        // cancel
        yield return Row("cancel without reason", Before.Created, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id } }, 400, "PARAM_ERROR", "reason", "is required");
        yield return Row("cancel with 51 characters of reason", Before.Created, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id, reason = new string('缺', 51) } }, 400, "PARAM_ERROR", "reason", "at most 50 characters");
        yield return Row("cancel an unknown order", Before.NoOrder, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id, reason = "商品缺货" } }, 404, "ORDER_NOT_EXIST", null, "No order has out_order_no");
        yield return Row("cancel with another service_id", Before.Created, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id = "500002", reason = "商品缺货" } }, 400, "INVALID_REQUEST", "service_id", "is not the service_id");
        yield return Row("cancel a confirmed order", Before.Accepted, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id, reason = "商品缺货" } }, 400, "INVALID_REQUEST", null, "is USER_ACCEPTED; cancel needs it to be CREATED");
        yield return Row("cancel an expired order", Before.Expired, "POST", Cancel, (no, _) => new { out_order_no = no, json = new { appid, service_id, reason = "商品缺货" } }, 400, "INVALID_REQUEST", null, "is EXPIRED; cancel needs it to be CREATED");

        // complete
        yield return Row("complete an order the user has not confirmed", Before.Created, "POST", Complete, (no, _) => new { out_order_no = no, json = Finish("none-yet", new[] { fee }, 300) }, 400, "INVALID_REQUEST", null, "is CREATED; complete needs it to be USER_ACCEPTED");
        yield return Row("complete an unknown order", Before.NoOrder, "POST", Complete, (no, _) => new { out_order_no = no, json = Finish("none", new[] { fee }, 300) }, 404, "ORDER_NOT_EXIST", null, "No order has out_order_no");
        yield return Row("complete with another finish_ticket", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = Finish(ticket + "0", new[] { fee }, 300) }, 400, "PARAM_ERROR", "finish_ticket", "does not match");
        yield return Row("complete with finish_type 3", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = new { appid, service_id, finish_type = 3, finish_ticket = ticket } }, 400, "PARAM_ERROR", "finish_type", "must be 1 (cancel) or 2 (finish)");
        yield return Row("complete with finish_type 1 without cancel_reason", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = new { appid, service_id, finish_type = 1, finish_ticket = ticket } }, 400, "PARAM_ERROR", "cancel_reason", "is required when finish_type is 1");
        yield return Row("complete with finish_type 2 without fees", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = new { appid, service_id, finish_type = 2, total_amount = 0, finish_ticket = ticket } }, 400, "PARAM_ERROR", "fees", "is required when finish_type is 2");
        yield return Row("complete with finish_type 2 without total_amount", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = new { appid, service_id, finish_type = 2, fees = new[] { fee }, finish_ticket = ticket } }, 400, "PARAM_ERROR", "total_amount", "is required when finish_type is 2");
        yield return Row("complete with a fee without fee_amount", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = Finish(ticket!, new[] { new { fee_name = "饮料" } }, 0) }, 400, "PARAM_ERROR", "fees[0].fee_amount", "is required");
        yield return Row("complete with a discount without discount_amount", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = Finish(ticket!, new[] { fee }, 300, new[] { new { discount_name = "新客立减" } }) }, 400, "PARAM_ERROR", "discounts[0].discount_amount", "is required");
        yield return Row("complete with total_amount other than fees less discounts", Before.Accepted, "POST", Complete, (no, ticket) => new { out_order_no = no, json = Finish(ticket!, new[] { fee }, 300, new[] { new { discount_name = "新客立减", discount_amount = 50 } }) }, 400, "PARAM_ERROR", "total_amount", "must equal the sum of fees[].fee_amount less the sum of discounts[].discount_amount, 250; it is 300");
    }

    private static Task<SimulatorServer> StartAsync(TimeProvider? clock = null)
        => SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, TimeProvider = clock ?? TimeProvider.System });

    /// <summary>The call made in one of the six styles; the sync styles block, and throw as they are.</summary>
    private static async Task<WeChatPayResponse> CallAsync(WeChatPayClient client, CallStyle style, HttpMethod method, string path, object options)
    {
        dynamic wx = client.Root;
        dynamic node = style switch
        {
            CallStyle.AsyncChained or CallStyle.SyncChained => path switch
            {
                Cancel => wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel,
                Complete => wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete,
                _ => wx.V3.Payscore.SmartretailOrders,
            },
            CallStyle.AsyncChain or CallStyle.SyncChain => wx.Chain(path),
            _ => wx[path],
        };
        var sync = style is CallStyle.SyncChained or CallStyle.SyncChain or CallStyle.SyncIndexer;
        if (method == HttpMethod.Get) return sync ? node.Get(options) : await node.GetAsync(options);
        return sync ? node.Post(options) : await node.PostAsync(options);
    }

    private static async Task<ApiException> RefusedAsync(Func<Task<WeChatPayResponse>> call)
    {
        try
        {
            var answer = await call();
            Assert.Fail($"expected a refusal, got {answer}: {answer.Text}");
        }
        catch (ApiException e)
        {
            return e;
        }
        throw new InvalidOperationException("unreachable");
    }
}
