using System.Net;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class RequestOptionsTests : StubbedClientTest
{

    private SeenRequest Send(HttpMethod method, string path, object? options)
    {
        Client.Send(method, path, options);
        return Stub.Last;
    }

    [Test]
    public void Query_values_are_percent_encoded_in_the_order_given()
    {
        var seen = Send(HttpMethod.Get, "v3/x", new { query = new { a = "it's", b = "a b", c = "1+1", d = "100%", e = "x&y=z", f = "中文", g = 7, h = true, i = (string?)null } });
        Assert.That(seen.Target, Is.EqualTo("/v3/x?a=it%27s&b=a%20b&c=1%2B1&d=100%25&e=x%26y%3Dz&f=%E4%B8%AD%E6%96%87&g=7&h=true"));
    }

    [Test]
    public void Options_may_be_a_dictionary_or_a_jobject()
    {
        Send(HttpMethod.Post, "v3/x/{id}", new Dictionary<string, object?> { ["id"] = "A", ["json"] = new Dictionary<string, object?> { ["k"] = 1 }, ["query"] = new Dictionary<string, string> { ["q"] = "1" } });
        Send(HttpMethod.Post, "v3/x/{id}", JObject.Parse("{\"id\":\"B\",\"json\":{\"k\":2},\"query\":{\"q\":2},\"headers\":{\"X-Test\":\"y\"}}"));
        var seen = Stub.Seen.ToArray();
        Assert.That(seen.Select(s => s.Target), Is.EqualTo(new[] { "/v3/x/A?q=1", "/v3/x/B?q=2" }));
        Assert.That(seen.Select(s => s.BodyText), Is.EqualTo(new[] { "{\"k\":1}", "{\"k\":2}" }));
        Assert.That(seen[1].Header("X-Test"), Is.EqualTo("y"));
    }

    [Test]
    public void Json_is_serialised_once_without_nulls_as_utf8_with_json_content_type()
    {
        var seen = Send(HttpMethod.Post, "v3/x", new { json = new { name = "张三", missing = (string?)null, amount = 100, nested = new { a = (int?)null, b = 1.5m } } });
        Assert.That(seen.BodyText, Is.EqualTo("{\"name\":\"张三\",\"amount\":100,\"nested\":{\"b\":1.5}}"));
        Assert.That(seen.Header("Content-Type"), Is.EqualTo("application/json"), "as WeChat Pay documents it; JSON has no charset parameter (RFC 8259)");
        Assert.That(seen.Header("Accept"), Is.EqualTo("application/json"));
        Assert.That(seen.Header("User-Agent"), Does.StartWith("WeChatPay.Chain/").And.Contain(".NET"));
    }

    [Test]
    public void Large_json_with_characters_beyond_the_bmp_is_encoded_exactly_and_the_next_small_body_is_not_polluted()
    {
        // Long enough to span many internal chunks, with surrogate pairs that a chunk boundary may split.
        var text = string.Concat(Enumerable.Repeat("中文😀x", 40_000));

        var large = Send(HttpMethod.Post, "v3/x", new { json = new { text } });
        var small = Send(HttpMethod.Post, "v3/x", new { json = new { k = 1 } });
        var again = Send(HttpMethod.Post, "v3/x", new { json = new { text = "😀" } });

        Assert.Multiple(() =>
        {
            Assert.That(large.Body, Is.EqualTo(System.Text.Encoding.UTF8.GetBytes("{\"text\":\"" + text + "\"}")));
            Assert.That(small.BodyText, Is.EqualTo("{\"k\":1}"));
            Assert.That(again.BodyText, Is.EqualTo("{\"text\":\"😀\"}"));
        });
    }

    [Test]
    public void Json_strings_that_need_escapes_are_written_exactly_one_body_after_another()
    {
        // The writer's escaping buffers come from a shared pool: a long escaped string, then short ones, must not carry
        // anything over. The expected text is Newtonsoft's own, written without the pool.
        string[] values = [string.Concat(Enumerable.Repeat("a\"b\\c\u0001\n", 5_000)), "\"", "x\ty", "</script>\u001f", ""];
        Assert.Multiple(() =>
        {
            foreach (var value in values)
            {
                var seen = Send(HttpMethod.Post, "v3/x", new { json = new { value } });
                Assert.That(seen.BodyText, Is.EqualTo(Newtonsoft.Json.JsonConvert.SerializeObject(new { value })));
            }
        });
    }

    [Test]
    public void Json_whose_surrogate_pairs_straddle_internal_chunks_is_encoded_exactly()
    {
        // Shifting the text by one character at a time puts a chunk boundary between the halves of some pair.
        Assert.Multiple(() =>
        {
            for (var shift = 0; shift < 4; shift++)
            {
                var text = new string('a', shift) + string.Concat(Enumerable.Repeat("😀", 30_000));
                Assert.That(Send(HttpMethod.Post, "v3/x", new { json = new { text } }).Body, Is.EqualTo(System.Text.Encoding.UTF8.GetBytes("{\"text\":\"" + text + "\"}")), $"shift {shift}");
            }
        });
    }

    [Test]
    public void Body_is_sent_as_is()
    {
        Assert.That(Send(HttpMethod.Post, "v3/x", new { body = "{ \"raw\" : 1 }" }).BodyText, Is.EqualTo("{ \"raw\" : 1 }"));
        Assert.That(Send(HttpMethod.Post, "v3/x", new { body = new byte[] { 1, 2, 255 } }).Body, Is.EqualTo(new byte[] { 1, 2, 255 }));
    }

    [Test]
    public void Headers_are_added_and_content_type_can_be_overridden()
    {
        var seen = Send(HttpMethod.Post, "v3/x", new { body = "a=b", headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["Wechatpay-Serial"] = "PUB_KEY_ID_1" } });
        Assert.That(seen.Header("Content-Type"), Is.EqualTo("text/plain"));
        Assert.That(seen.Header("Wechatpay-Serial"), Is.EqualTo("PUB_KEY_ID_1"));
    }

    [TestCase("jsno", "Unknown option 'jsno'")]
    [TestCase("transaction_id", "Unknown option 'transaction_id'")]
    public void Unknown_options_are_refused_not_ignored(string name, string message)
    {
        var e = Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new Dictionary<string, object?> { [name] = new { a = 1 } }));
        Assert.That(e!.Message, Does.Contain(message).And.Contain("json, query, body, media, headers"));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public void Bad_shapes_are_refused_before_sending()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", "not an object"));
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", 42), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("not a Int32"));
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new object[] { "json", new { a = 1 } }), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("not a Object[]"));
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new Dictionary<int, object> { [1] = new { a = 1 } }), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("key of type Int32; keys must be strings"));
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new System.Collections.Hashtable { ["json"] = new { a = 1 }, [2] = "x" }), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("keys must be strings"));
            Assert.That(() => Client.Send(HttpMethod.Get, "v3/x", new { query = new Dictionary<object, object> { [1.5] = "a" } }), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("query has a key of type Double"));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { json = new { a = 1 }, body = "x" }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Get, "v3/x", new { query = "a=1" }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Get, "v3/x", new { query = new { a = new[] { 1, 2 } } }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Get, "v3/x", new { json = new { a = 1 } }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { body = 12 }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { json = "{not json" }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { headers = new { Authorization = "x" } }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { headers = new Dictionary<string, string> { ["X-A"] = "1\r\nX-B: 2" } }));
            Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { headers = new Dictionary<string, string> { ["X A"] = "1" } }));
        });
        Assert.That(Stub.Seen, Is.Empty);
    }

    // The surrogate is given as a number: attribute strings are stored as UTF-8, which would already replace it.
    [TestCase("", 0xD83D, "", "U+D83D")]
    [TestCase("a", 0xDE00, "b", "U+DE00")]
    [TestCase("😀", 0xD83D, "", "U+D83D")]
    [TestCase("x", 0xDBFF, "😀", "U+DBFF")]
    public void A_json_or_body_string_with_a_lone_surrogate_is_refused_before_sending(string before, int surrogate, string after, string named)
    {
        var text = before + (char)surrogate + after;
        var big = string.Concat(Enumerable.Repeat("中文😀", 20_000)) + text;
        Assert.Multiple(() =>
        {
            foreach (var value in new[] { text, big })
            {
                Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new { json = new { name = value } }),
                    Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("json holds a string that is not valid UTF-16").And.Message.Contains(named));
                Assert.That(async () => await Client.SendAsync(HttpMethod.Post, "v3/x", new { json = new Dictionary<string, object?> { ["name"] = value } }),
                    Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("not valid UTF-16"));
            }
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new { json = "{\"name\":\"" + text + "\"}" }),
                Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("not valid UTF-16").And.Message.Contains(named));
            Assert.That(() => Client.Send(HttpMethod.Post, "v3/x", new { body = text }),
                Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("body holds a string that is not valid UTF-16").And.Message.Contains(named));
        });
        Assert.That(Stub.Seen, Is.Empty);
        Assert.That(Send(HttpMethod.Post, "v3/x", new { json = new { name = "😀" } }).BodyText, Is.EqualTo("{\"name\":\"😀\"}"), "the next body is whole");
    }

    [Test]
    public void A_json_object_that_cannot_be_serialised_is_a_typed_error()
    {
        var loop = new Node();
        loop.Self = loop;
        var e = Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { json = loop }));
        Assert.That(e!.Message, Does.Contain("cannot be serialised"));
    }

    [Test]
    public async Task Null_paths_and_notification_parts_are_argument_errors_not_null_references()
    {
        Assert.Throws<ArgumentNullException>(() => Client.Send(HttpMethod.Get, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Client.SendAsync(HttpMethod.Get, null!));
        var reader = new NotificationReader(new WeChatPay.Chain.Protocol.ResponseVerifier(new Dictionary<string, System.Security.Cryptography.RSA>(), TimeProvider.System), "0123456789abcdefABCDEF0123456789");
        Assert.Throws<ArgumentNullException>(() => reader.Read([], null!));
        Assert.Throws<ArgumentNullException>(() => reader.Read(null!, "1", "n", "s", "x"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => reader.ReadAsync([], null!));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public void A_token_cancelled_before_sending_sends_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await Client.SendAsync(HttpMethod.Get, "v3/x", null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Stub.Seen, Is.Empty);
    }

    private sealed class Node
    {
        public Node? Self { get; set; }
    }
}
