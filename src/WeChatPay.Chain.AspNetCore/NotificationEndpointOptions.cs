using Microsoft.AspNetCore.Http;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>How a notification endpoint mapped by <see cref="NotificationEndpointRouteBuilderExtensions"/> behaves.</summary>
public sealed class NotificationEndpointOptions
{
    /// <summary>1 MiB: notifications are a few kilobytes, so anything near this is not one.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The largest body read, in bytes; a longer one is answered 413 without being verified.
    /// <see cref="DefaultMaxBodyBytes"/> unless set.
    /// </summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// The status answered when the handler completes: 204 (the default) or 200, the two WeChat Pay documents as
    /// "received". Either is sent without a body. APIv2 endpoints (<c>MapWeChatPayV2Notifications</c>) answer 200 with
    /// their SUCCESS XML whatever this says.
    /// </summary>
    public int SuccessStatusCode { get; set; } = StatusCodes.Status204NoContent;

    /// <summary>
    /// Called for every request answered with an error status, after it is logged and before the answer is written,
    /// for metrics or alerts. An exception it throws is logged and otherwise ignored.
    /// </summary>
    public Action<NotificationRejection>? OnRejected { get; set; }
}
