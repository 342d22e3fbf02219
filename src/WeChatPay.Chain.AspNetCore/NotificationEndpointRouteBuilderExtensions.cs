using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// Maps the merchant's callback URL (<c>notify_url</c>) as a minimal-API endpoint that does what every WeChat Pay
/// notification receiver must: read the raw body exactly as sent, verify the <c>Wechatpay-*</c> signature over it
/// (±300 s, probe signatures refused), decrypt <c>resource</c> with the APIv3 key, run your handler, and answer.
/// </summary>
/// <remarks>
/// <para>
/// Answers: 204 (or 200, see <see cref="NotificationEndpointOptions.SuccessStatusCode"/>) once the handler completes;
/// 413 for a body over <see cref="NotificationEndpointOptions.MaxBodyBytes"/>; 401 when the signature, timestamp or
/// serial does not check out; 400 when the resource does not decrypt or the body is not a notification; 500 when the
/// handler throws. Every failure carries <c>{"code":"FAIL","message":"…"}</c>.
/// </para>
/// <para>
/// WeChat Pay sends a notification again after any answer other than 2xx (and sometimes after a 2xx it did not see),
/// so the handler runs more than once for the same notification. Make it idempotent, keyed by
/// <see cref="Notification.Id"/>, which is the same on every delivery; or check the order's state before changing it.
/// </para>
/// </remarks>
public static class NotificationEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST pattern</c> to a notification endpoint that reads with <paramref name="reader"/>.</summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/notify</c>; the URL given to WeChat Pay as <c>notify_url</c>.</param>
    /// <param name="reader">Verifies and decrypts; from <see cref="WeChatPayClient.Notifications"/> or built over a <c>ResponseVerifier</c>.</param>
    /// <param name="handle">
    /// Runs for each verified notification with the request and its abort token. Return to answer success; throw to
    /// answer 500 so that WeChat Pay retries. Must tolerate the same <see cref="Notification.Id"/> more than once.
    /// </param>
    /// <param name="options">Body limit, success status and rejection callback; the defaults when null.</param>
    /// <returns>The endpoint's builder, for conventions such as <c>RequireHost</c>.</returns>
    /// <exception cref="ArgumentException">The pattern is empty, or an option is out of range.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        NotificationReader reader,
        Func<Notification, HttpContext, CancellationToken, Task> handle,
        NotificationEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Map(endpoints, pattern, new ApiV3NotificationFormat(reader), handle, options, "WeChat Pay notifications");
    }

    /// <summary>
    /// Maps <c>POST pattern</c> to a notification endpoint that reads with the client's platform keys and APIv3 key
    /// (<see cref="WeChatPayClient.Notifications"/>).
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/notify</c>.</param>
    /// <param name="client">A client built with <see cref="ClientOptions.ApiV3Key"/>.</param>
    /// <param name="handle">As in the overload taking a <see cref="NotificationReader"/>.</param>
    /// <param name="options">Body limit, success status and rejection callback; the defaults when null.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <exception cref="ConfigurationException">The client has no APIv3 key: mapping fails at start-up, not at the first notification.</exception>
    public static IEndpointConventionBuilder MapWeChatPayNotifications(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        WeChatPayClient client,
        Func<Notification, HttpContext, CancellationToken, Task> handle,
        NotificationEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return endpoints.MapWeChatPayNotifications(pattern, client.Notifications, handle, options);
    }

    /// <summary>
    /// Maps <c>POST pattern</c> to an APIv2 notification endpoint: the raw XML body read (bounded), a payment notification
    /// verified by its <c>sign</c>, a refund notification's <c>req_info</c> decrypted, your handler run, and WeChat Pay
    /// answered 200 with <c>&lt;xml&gt;&lt;return_code&gt;SUCCESS&lt;/return_code&gt;…</c> — or, for a refused or failed
    /// notification, 413/401/400/500 with <c>return_code</c> FAIL, so that it is sent again.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/v2/notify</c>; the <c>notify_url</c> of APIv2 orders and refunds.</param>
    /// <param name="reader">Verifies and decrypts with the APIv2 key; from <see cref="WeChatPayClient.NotificationsV2"/>.</param>
    /// <param name="handle">
    /// Runs for each verified notification with its fields (a refund's decrypted ones included). Return to answer
    /// SUCCESS; throw to answer 500 so that WeChat Pay retries. Must tolerate the same notification more than once
    /// (key it by <c>transaction_id</c> or <c>out_refund_no</c>).
    /// </param>
    /// <param name="options">Body limit and rejection callback; the defaults when null. The success answer is always 200 with its XML.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <exception cref="ArgumentException">The pattern is empty, or an option is out of range.</exception>
    public static IEndpointConventionBuilder MapWeChatPayV2Notifications(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        ApiV2NotificationReader reader,
        Func<ApiV2Fields, HttpContext, CancellationToken, Task> handle,
        NotificationEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Map(endpoints, pattern, new ApiV2NotificationFormat(reader), handle, options, "WeChat Pay APIv2 notifications");
    }

    /// <summary>Maps <c>POST pattern</c> to an APIv2 notification endpoint that reads with the client's APIv2 key (<see cref="WeChatPayClient.NotificationsV2"/>).</summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/wechatpay/v2/notify</c>.</param>
    /// <param name="client">A client built with <see cref="ClientOptions.ApiV2Key"/>.</param>
    /// <param name="handle">As in the overload taking an <see cref="ApiV2NotificationReader"/>.</param>
    /// <param name="options">Body limit and rejection callback; the defaults when null.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <exception cref="ConfigurationException">The client has no APIv2 key: mapping fails at start-up, not at the first notification.</exception>
    public static IEndpointConventionBuilder MapWeChatPayV2Notifications(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        WeChatPayClient client,
        Func<ApiV2Fields, HttpContext, CancellationToken, Task> handle,
        NotificationEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return endpoints.MapWeChatPayV2Notifications(pattern, client.NotificationsV2, handle, options);
    }

    private static IEndpointConventionBuilder Map<T>(IEndpointRouteBuilder endpoints, string pattern, NotificationFormat<T> format, Func<T, HttpContext, CancellationToken, Task> handle, NotificationEndpointOptions? options, string name)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handle);
        options ??= new NotificationEndpointOptions();
        Validate(options);
        var loggers = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var endpoint = new NotificationEndpoint<T>(format, handle, options, loggers.CreateLogger(LogCategory));
        return endpoints.MapPost(pattern, endpoint.HandleAsync).WithDisplayName($"{name} {pattern}");
    }

    /// <summary>The log category of both endpoints, as it has been since there was one.</summary>
    private const string LogCategory = "WeChatPay.Chain.AspNetCore.NotificationEndpoint";

    private static void Validate(NotificationEndpointOptions options)
    {
        if (options.MaxBodyBytes <= 0 || options.MaxBodyBytes > Array.MaxLength)
            throw new ArgumentException($"MaxBodyBytes must be between 1 and {Array.MaxLength}; it is {options.MaxBodyBytes}.", nameof(options));
        if (options.SuccessStatusCode is not (StatusCodes.Status200OK or StatusCodes.Status204NoContent))
            throw new ArgumentException($"SuccessStatusCode must be 200 or 204, the statuses WeChat Pay reads as received; it is {options.SuccessStatusCode}.", nameof(options));
    }
}
