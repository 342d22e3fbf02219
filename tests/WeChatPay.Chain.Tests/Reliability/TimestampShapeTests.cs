using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary><c>Wechatpay-Timestamp</c> must be plain ASCII digits of seconds; anything else is malformed, never parsed leniently.</summary>
public class TimestampShapeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [TestCase(" 1700000000")]
    [TestCase("1700000000 ")]
    [TestCase("+1700000000")]
    [TestCase("1.7e9")]
    [TestCase("0x6553F100")]
    [TestCase("１７０００００００００")]
    [TestCase("1,700,000,000")]
    [TestCase("1700000000000")]
    [TestCase("Tue, 14 Nov 2023 22:13:20 GMT")]
    public void A_timestamp_that_is_not_plain_seconds_is_malformed(string timestamp)
    {
        var clock = new FixedClock(Now);
        using var stub = new StubHandler
        {
            Respond = _ =>
            {
                var response = StubHandler.Signed(HttpStatusCode.OK, "{}", timestamp: clock.Seconds);
                response.Headers.Remove(WeChatPayHeaders.Timestamp);
                response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, timestamp);
                return response;
            },
        };
        using var client = new WeChatPayClient(Fixtures.Options(stub, clock));

        var e = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MalformedTimestamp));
    }
}
