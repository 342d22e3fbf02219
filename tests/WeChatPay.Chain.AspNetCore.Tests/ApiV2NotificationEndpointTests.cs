using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.AspNetCore.Tests.Support;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>
/// The APIv2 notification endpoint on a real Kestrel server: a signed payment notification reaches the handler and is
/// answered 200 with SUCCESS XML; an altered one, a refund under another key, a body that is not XML and a failing
/// handler are answered with their statuses and <c>return_code</c> FAIL, so WeChat Pay sends them again.
/// </summary>
public class ApiV2NotificationEndpointTests
{
    private const string Path = "wechatpay/v2/notify";

    private readonly ConcurrentQueue<ApiV2Fields> _handled = new();
    private readonly ConcurrentQueue<NotificationRejection> _rejected = new();
    private NotificationHost _host = null!;
    private WeChatPayClient _client = null!;
    private bool _failHandler;

    [SetUp]
    public async Task Start()
    {
        _failHandler = false;
        _handled.Clear();
        _rejected.Clear();
        _client = new WeChatPayClient(TestMerchant.ClientOptions());
        _host = await NotificationHost.StartAsync(app => app.MapWeChatPayV2Notifications("/" + Path, _client, (fields, _, _) =>
        {
            if (_failHandler) throw new InvalidOperationException("The ledger is unavailable.");
            _handled.Enqueue(fields);
            return Task.CompletedTask;
        }, new NotificationEndpointOptions { OnRejected = _rejected.Enqueue, MaxBodyBytes = 4096 }));
    }

    [TearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        _client.Dispose();
    }

    private static string Payment(string totalFee = "1")
    {
        var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("result_code", "SUCCESS"), new("transaction_id", "4200000001"), new("total_fee", totalFee) };
        fields.Add(new("sign", ApiV2Signature.Sign(fields, TestMerchant.ApiV2Key)));
        return ApiV2Xml.Write(fields);
    }

    private async Task<(HttpStatusCode Status, ApiV2Fields Answer)> PostAsync(string body)
    {
        using var response = await _host.Http.PostAsync(_host.Url(Path), new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
        return (response.StatusCode, ApiV2Xml.Read(await response.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task A_signed_payment_notification_is_handled_and_answered_SUCCESS()
    {
        var (status, answer) = await PostAsync(Payment());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer["return_code"], Is.EqualTo("SUCCESS"));
        Assert.That(_handled.Single()["transaction_id"], Is.EqualTo("4200000001"));
    }

    [Test]
    public async Task An_altered_notification_is_answered_401_FAIL_and_not_handled()
    {
        var (status, answer) = await PostAsync(Payment().Replace("<total_fee><![CDATA[1]]>", "<total_fee><![CDATA[100]]>", StringComparison.Ordinal));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((answer["return_code"], answer["return_msg"]), Is.EqualTo(("FAIL", "The sign does not match the notification's fields.")));
        Assert.That(_handled, Is.Empty);
        Assert.That(_rejected.Single().StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task A_refund_under_another_key_is_answered_400_FAIL()
    {
        var (status, answer) = await PostAsync($"<xml><return_code>SUCCESS</return_code><req_info>{Convert.ToBase64String(new byte[32])}</req_info></xml>");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer["return_msg"], Does.Contain("APIv2 key does not match"));
        Assert.That(_handled, Is.Empty);
    }

    [TestCase("{\"return_code\":\"SUCCESS\"}")]
    [TestCase("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><return_code>&x;</return_code></xml>")]
    public async Task A_body_that_is_not_an_APIv2_message_is_answered_400_FAIL(string body)
    {
        var (status, answer) = await PostAsync(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
        Assert.That(answer["return_msg"], Does.Not.Contain("root:"), "nothing of the file is read or echoed");
    }

    [Test]
    public async Task A_body_over_the_limit_is_answered_413_FAIL()
    {
        var (status, answer) = await PostAsync(Payment() + new string(' ', 5000));

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
    }

    [Test]
    public async Task A_failing_handler_is_answered_500_FAIL_so_the_notification_comes_again()
    {
        _failHandler = true;

        var (status, answer) = await PostAsync(Payment());

        Assert.That(status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
        Assert.That(_rejected.Single().Exception, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Mapping_for_a_client_without_an_APIv2_key_fails_at_start_up()
    {
        var options = TestMerchant.ClientOptions();
        options.ApiV2Key = null;
        using var client = new WeChatPayClient(options);

        Assert.That(async () => await NotificationHost.StartAsync(app => app.MapWeChatPayV2Notifications("/n", client, (_, _, _) => Task.CompletedTask)),
            Throws.TypeOf<ConfigurationException>().With.Message.Contains("ApiV2Key"));
    }
}
