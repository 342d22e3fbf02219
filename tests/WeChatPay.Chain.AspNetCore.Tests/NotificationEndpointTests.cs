using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.AspNetCore.Tests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>The endpoint on a real Kestrel server, fed notifications signed and encrypted by hand.</summary>
public class NotificationEndpointTests
{
    private const string Path = "wechatpay/notify";

    private readonly ConcurrentQueue<Notification> _handled = new();
    private readonly ConcurrentQueue<NotificationRejection> _rejected = new();
    private NotificationHost? _host;

    [SetUp]
    public void Clear()
    {
        _handled.Clear();
        _rejected.Clear();
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null) await _host.DisposeAsync();
        _host = null;
    }

    private async Task<NotificationHost> StartAsync(
        NotificationReader? reader = null,
        Func<Notification, HttpContext, CancellationToken, Task>? handle = null,
        NotificationEndpointOptions? options = null,
        CapturedLogs? logs = null)
    {
        options ??= new NotificationEndpointOptions();
        options.OnRejected ??= _rejected.Enqueue;
        handle ??= (notification, _, _) =>
        {
            _handled.Enqueue(notification);
            return Task.CompletedTask;
        };
        _host = await NotificationHost.StartAsync(app => app.MapWeChatPayNotifications("/" + Path, reader ?? TestPlatform.Reader(), handle, options), logs);
        return _host;
    }

    /// <summary>Checks the failure shape WeChat Pay documents and returns the message.</summary>
    private static async Task<string> FailMessage(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var json = JObject.Parse(text);
        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "code", "message" }));
        Assert.That((string?)json["code"], Is.EqualTo("FAIL"));
        return (string)json["message"]!;
    }

    [Test]
    public async Task A_valid_notification_is_answered_204_and_the_handler_gets_the_decrypted_resource()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(_handled, Has.Count.EqualTo(1));
        var notification = _handled.Single();
        Assert.Multiple(() =>
        {
            Assert.That(notification.Id, Is.EqualTo(PostedNotification.Id));
            Assert.That(notification.EventType, Is.EqualTo(PostedNotification.EventType));
            Assert.That(notification.ResourceText, Is.EqualTo(PostedNotification.DefaultResource));
            Assert.That((string?)notification.Resource["out_trade_no"], Is.EqualTo("NO1"));
        });
        Assert.That(_rejected, Is.Empty);
    }

    [Test]
    public async Task The_success_status_can_be_200_instead()
    {
        var host = await StartAsync(options: new NotificationEndpointOptions { SuccessStatusCode = StatusCodes.Status200OK });
        using var response = await host.PostAsync(Path, PostedNotification.Create());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(_handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_redelivered_notification_reaches_the_handler_again_with_the_same_id()
    {
        var host = await StartAsync();
        using (await host.PostAsync(Path, PostedNotification.Create())) { }
        using (await host.PostAsync(Path, PostedNotification.Create())) { }
        Assert.That(_handled.Select(n => n.Id), Is.EqualTo(new[] { PostedNotification.Id, PostedNotification.Id }));
    }

    [Test]
    public async Task A_tampered_body_is_answered_401_FAIL_and_the_handler_is_not_called()
    {
        var host = await StartAsync();
        var posted = PostedNotification.Create();
        posted.Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(posted.Body).Replace("支付成功", "支付失败", StringComparison.Ordinal));
        using var response = await host.PostAsync(Path, posted);

        var message = await FailMessage(response, HttpStatusCode.Unauthorized);
        Assert.That(message, Does.Contain("does not match the body"));
        Assert.That(_handled, Is.Empty);
        Assert.That(_rejected.Single().Exception, Is.TypeOf<ResponseVerificationException>());
    }

    [Test]
    public async Task A_body_re_serialised_on_the_way_fails_verification_with_401()
    {
        var host = await StartAsync();
        var posted = PostedNotification.Create();
        posted.Body = Encoding.UTF8.GetBytes(JObject.Parse(Encoding.UTF8.GetString(posted.Body)).ToString());
        using var response = await host.PostAsync(Path, posted);
        await FailMessage(response, HttpStatusCode.Unauthorized);
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_resource_encrypted_under_another_apiv3_key_is_answered_400()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create(apiV3Key: TestPlatform.OtherApiV3Key));

        var message = await FailMessage(response, HttpStatusCode.BadRequest);
        Assert.That(message, Does.Contain("could not be decrypted"));
        Assert.That(message, Does.Not.Contain(TestPlatform.ApiV3Key).And.Not.Contain(TestPlatform.OtherApiV3Key));
        Assert.That(_handled, Is.Empty);
        Assert.That(_rejected.Single().Exception, Is.TypeOf<DecryptionException>());
    }

    [Test]
    public async Task A_reader_with_the_wrong_apiv3_key_answers_400()
    {
        var host = await StartAsync(reader: TestPlatform.Reader(TestPlatform.OtherApiV3Key));
        using var response = await host.PostAsync(Path, PostedNotification.Create());
        await FailMessage(response, HttpStatusCode.BadRequest);
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_notification_signed_ten_minutes_ago_is_answered_401()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create(timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600));

        Assert.That(await FailMessage(response, HttpStatusCode.Unauthorized), Does.Contain("300 seconds"));
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_probe_signature_is_answered_401_without_echoing_it()
    {
        var host = await StartAsync();
        var probe = "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(new byte[256]);
        using var response = await host.PostAsync(Path, PostedNotification.Create(signature: probe));

        var message = await FailMessage(response, HttpStatusCode.Unauthorized);
        Assert.That(message, Does.Contain("probe"));
        Assert.That(message, Does.Not.Contain(probe));
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task An_unknown_serial_is_answered_401_without_naming_the_serials_held()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create(serial: "PUB_KEY_ID_0000000000000000000000000000"));

        var message = await FailMessage(response, HttpStatusCode.Unauthorized);
        Assert.That(message, Does.Contain("Wechatpay-Serial"));
        Assert.That(message, Does.Not.Contain(TestPlatform.Serial));
        Assert.That(_rejected.Single().Exception!.Message, Does.Contain(TestPlatform.Serial), "the log-side exception keeps the detail");
    }

    [TestCase("Wechatpay-Timestamp")]
    [TestCase("Wechatpay-Nonce")]
    [TestCase("Wechatpay-Signature")]
    [TestCase("Wechatpay-Serial")]
    public async Task A_missing_signature_header_is_answered_401(string header)
    {
        var host = await StartAsync();
        var posted = PostedNotification.Create();
        posted.Headers.RemoveAll(h => h.Key == header);
        using var response = await host.PostAsync(Path, posted);
        Assert.That(await FailMessage(response, HttpStatusCode.Unauthorized), Does.Contain("exactly once"));
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_signature_header_sent_twice_is_answered_401()
    {
        var host = await StartAsync();
        var posted = PostedNotification.Create();
        posted.Headers.Add(new(WeChatPayHeaders.Signature, posted.Signature));
        using var response = await host.PostAsync(Path, posted);
        await FailMessage(response, HttpStatusCode.Unauthorized);
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_signed_body_that_is_not_json_is_answered_400()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create(body: "<xml>not a v3 notification</xml>"u8.ToArray()));
        Assert.That(await FailMessage(response, HttpStatusCode.BadRequest), Does.Contain("not a JSON object"));
        Assert.That(_rejected.Single().Exception, Is.TypeOf<ResponseFormatException>());
    }

    [TestCase("id")]
    [TestCase("event_type")]
    public async Task A_signed_notification_without_its_id_or_event_type_is_answered_400(string field)
    {
        var host = await StartAsync();
        var envelope = JObject.Parse(Encoding.UTF8.GetString(PostedNotification.Create().Body));
        envelope.Remove(field);
        using var response = await host.PostAsync(Path, PostedNotification.Create(body: Encoding.UTF8.GetBytes(envelope.ToString(Newtonsoft.Json.Formatting.None))));
        Assert.That(await FailMessage(response, HttpStatusCode.BadRequest), Does.Contain($"has no '{field}'"));
        Assert.That(_rejected.Single().Exception, Is.TypeOf<ResponseFormatException>());
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_resource_in_an_unknown_algorithm_is_answered_400()
    {
        var host = await StartAsync();
        using var response = await host.PostAsync(Path, PostedNotification.Create(algorithm: "AEAD_CHACHA20_POLY1305"));
        Assert.That(await FailMessage(response, HttpStatusCode.BadRequest), Does.Contain("AEAD_CHACHA20_POLY1305"));
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_handler_that_throws_makes_the_answer_500_so_WeChat_Pay_retries()
    {
        var host = await StartAsync(handle: (_, _, _) => throw new InvalidOperationException("database password=hunter2 rejected"));
        using var response = await host.PostAsync(Path, PostedNotification.Create());

        var message = await FailMessage(response, HttpStatusCode.InternalServerError);
        Assert.That(message, Does.Not.Contain("hunter2"), "the handler's own error stays on the server");
        var rejection = _rejected.Single();
        Assert.That(rejection.Exception, Is.TypeOf<InvalidOperationException>());
        Assert.That(rejection.Notification?.Id, Is.EqualTo(PostedNotification.Id));
    }

    [Test]
    public async Task A_handler_that_throws_after_setting_headers_still_gets_a_clean_500()
    {
        var host = await StartAsync(handle: (_, context, _) =>
        {
            context.Response.StatusCode = 201;
            context.Response.Headers["X-Partial"] = "yes";
            throw new InvalidOperationException("late failure");
        });
        using var response = await host.PostAsync(Path, PostedNotification.Create());
        await FailMessage(response, HttpStatusCode.InternalServerError);
        Assert.That(response.Headers.Contains("X-Partial"), Is.False);
    }

    [Test]
    public async Task A_body_over_one_mebibyte_is_answered_413_before_verification()
    {
        var host = await StartAsync();
        var posted = PostedNotification.Create(body: new byte[NotificationEndpointOptions.DefaultMaxBodyBytes + 1]);
        using var response = await host.PostAsync(Path, posted);
        Assert.That(await FailMessage(response, HttpStatusCode.RequestEntityTooLarge), Does.Contain("1048576 bytes"));
        Assert.That(_handled, Is.Empty);
        Assert.That(_rejected.Single().Exception, Is.Null);
    }

    [Test]
    public async Task A_chunked_body_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        var host = await StartAsync(options: new NotificationEndpointOptions { MaxBodyBytes = 4096 });
        var posted = PostedNotification.Create(body: new byte[4097]);
        using var response = await host.PostAsync(Path, posted, chunked: true);
        await FailMessage(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_body_of_exactly_the_limit_is_read_and_verified()
    {
        var size = PostedNotification.Create().Body.Length;
        var host = await StartAsync(options: new NotificationEndpointOptions { MaxBodyBytes = size });
        using (var response = await host.PostAsync(Path, PostedNotification.Create(), chunked: true))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(_handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Other_methods_are_not_routed_to_the_handler()
    {
        var host = await StartAsync();
        using var response = await host.Http.GetAsync(host.Url(Path));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(_handled, Is.Empty);
    }

    [Test]
    public async Task A_throwing_rejection_observer_does_not_change_the_answer()
    {
        var host = await StartAsync(options: new NotificationEndpointOptions { OnRejected = _ => throw new InvalidOperationException("observer bug") });
        using var response = await host.PostAsync(Path, PostedNotification.Create(timestamp: 1));
        await FailMessage(response, HttpStatusCode.Unauthorized);
    }
}
