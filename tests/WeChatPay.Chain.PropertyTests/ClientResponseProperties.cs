using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.PropertyTests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>
/// Through the whole client, sync and async, with and without retries: any status, headers and body from the transport
/// end in a response or a <see cref="WeChatPayException"/>, and so does every member of either; a 2xx answer on a
/// signed path comes back only when it carried a true signature.
/// </summary>
public class ClientResponseProperties
{
    private static readonly string[] HeaderNames =
    [
        WeChatPayHeaders.Timestamp, WeChatPayHeaders.Nonce, WeChatPayHeaders.Signature, WeChatPayHeaders.Serial, WeChatPayHeaders.RequestId,
        WeChatPayHeaders.StatementSha1, "Retry-After", "Content-Type", "Content-Length", "Content-Encoding", "X-Other",
    ];

    private static readonly string[] Paths = ["v3/pay/transactions/id/4200", "v3/billdownload/file", "v3/statements", "v3/merchant-service/images/abc", "v3/certificates"];

    /// <summary>Paths whose answers are verified over their own body (statements are signed over a digest document instead).</summary>
    private static readonly string[] BodySignedPaths = ["v3/pay/transactions/id/4200", "v3/certificates"];

    private sealed record Exchange(int Status, SignedMessage Message, List<KeyValuePair<string, string>> Extra, string Path, bool Synchronous, bool Retrying);

    private static readonly Gen<Exchange> Exchanges =
        from status in Gen.Frequency((4, Gen.Elements(200, 204, 202)), (3, Gen.Elements(400, 401, 404, 429, 500, 502, 503)), (1, Gen.Choose(100, 999)))
        from message in Gen.Frequency((3, SignedMessage.Cases(Bytes.Body())), (1, SignedMessage.Genuine(Bytes.Body())))
        from extraCount in Gen.Choose(0, 4)
        from extra in Gen.ArrayOf(Gen.Zip(Gen.Elements(HeaderNames), Gen.OneOf(Text.Ascii(20), Text.Any(4), Text.From("0123456789-", 12))), extraCount)
        from path in Gen.Elements(Paths)
        from synchronous in Gen.Elements(true, false)
        from retrying in Gen.Elements(true, false)
        select new Exchange(status, message, extra.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToList(), path, synchronous, retrying);

    [Test]
    public async Task Any_answer_gives_a_response_or_a_typed_error()
    {
        using var transport = new ScriptedHandler();
        using var plain = new WeChatPayClient(TestKeys.ClientOptions(transport));
        var retryingOptions = TestKeys.ClientOptions(transport);
        retryingOptions.Retry = new RetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        using var retrying = new WeChatPayClient(retryingOptions);
        var outcomes = new Dictionary<string, int>();

        PropertyRun.ForAll(Exchanges, Cases.ClientResponses, exchange =>
        {
            transport.Answer = _ => Response(exchange);
            var client = exchange.Retrying ? retrying : plain;
            string outcome;
            try
            {
                var response = exchange.Synchronous
                    ? client.Send(HttpMethod.Get, exchange.Path)
                    : client.SendAsync(HttpMethod.Get, exchange.Path).GetAwaiter().GetResult();
                Touch(response);
                var verified = exchange.Status is >= 200 and < 300 && BodySignedPaths.Contains(exchange.Path);
                if (verified) Assert.That(exchange.Message.IsTrue, Is.True, "a 2xx answer on a signed path came back although its signature was not true");
                outcome = verified ? "verified response" : "response";
            }
            catch (ApiException e)
            {
                _ = (e.Code, e.ErrorMessage, e.Detail, e.RequestId, e.StatusCode, e.Message, e.ToString());
                Touch(e.Response);
                outcome = nameof(ApiException);
            }
            catch (ResponseVerificationException e)
            {
                _ = (e.Reason, e.Message, e.ToString(), e.Response?.ToString());
                outcome = nameof(ResponseVerificationException);
            }
            catch (WeChatPayException e)
            {
                outcome = e.GetType().Name;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        });
        TestContext.Progress.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        Assert.That(outcomes.Keys, Is.SupersetOf(new[] { "verified response", "response", nameof(ApiException), nameof(ResponseVerificationException) }), "every outcome comes up");
        await Task.CompletedTask;
    }

    private static HttpResponseMessage Response(Exchange exchange)
    {
        var response = new HttpResponseMessage((HttpStatusCode)exchange.Status) { Content = new ByteArrayContent(exchange.Message.Body) };
        foreach (var (name, value) in exchange.Message.Headers().Concat(exchange.Extra))
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    /// <summary>Reads every member; only a body that is not JSON (or not of the asked shape) may throw, and typed.</summary>
    private static void Touch(WeChatPayResponse response)
    {
        _ = (response.Text, response.Status, response.RequestId, response.Header("X-Other"), response.ToString(), response.Headers.Count);
        try
        {
            _ = response.Json;
            _ = response.ToObject<JObject>();
            _ = response.ToObject<Dictionary<string, int>>();
        }
        catch (ResponseFormatException)
        {
            // Reported, typed.
        }
    }
}
