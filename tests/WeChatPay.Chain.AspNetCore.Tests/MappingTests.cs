using Microsoft.AspNetCore.Builder;
using WeChatPay.Chain.AspNetCore.Tests.Support;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>Mistakes that are caught when the endpoint is mapped, at start-up, rather than at the first notification.</summary>
public class MappingTests
{
    private static readonly Func<Notification, Microsoft.AspNetCore.Http.HttpContext, CancellationToken, Task> Nothing = (_, _, _) => Task.CompletedTask;

    private static WebApplication App() => WebApplication.CreateSlimBuilder().Build();

    [Test]
    public async Task A_client_without_an_apiv3_key_cannot_be_mapped()
    {
        await using var app = App();
        using var client = TestPlatform.Client(apiV3Key: null);
        var e = Assert.Throws<ConfigurationException>(() => app.MapWeChatPayNotifications("/notify", client, Nothing));
        Assert.That(e!.Message, Does.Contain("ApiV3Key"));
    }

    [TestCase(202)]
    [TestCase(500)]
    public async Task A_success_status_WeChat_Pay_does_not_read_as_received_is_refused(int status)
    {
        await using var app = App();
        Assert.Throws<ArgumentException>(() => app.MapWeChatPayNotifications("/notify", TestPlatform.Reader(), Nothing, new NotificationEndpointOptions { SuccessStatusCode = status }));
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    public async Task A_body_limit_that_is_not_positive_is_refused(long limit)
    {
        await using var app = App();
        Assert.Throws<ArgumentException>(() => app.MapWeChatPayNotifications("/notify", TestPlatform.Reader(), Nothing, new NotificationEndpointOptions { MaxBodyBytes = limit }));
    }

    [Test]
    public async Task An_empty_pattern_is_refused()
    {
        await using var app = App();
        Assert.Throws<ArgumentException>(() => app.MapWeChatPayNotifications(" ", TestPlatform.Reader(), Nothing));
    }
}
