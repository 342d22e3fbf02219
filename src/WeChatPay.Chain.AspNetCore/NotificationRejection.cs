using WeChatPay.Chain.Notifications;
namespace WeChatPay.Chain.AspNetCore;

/// <summary>One request the notification endpoint answered with an error status, as given to <see cref="NotificationEndpointOptions.OnRejected"/>.</summary>
/// <param name="StatusCode">The status answered: 413 too large, 401 not verified, 400 not decryptable or not a notification, 500 the handler failed; or the status Kestrel gave a body it could not read (malformed chunking, too slow).</param>
/// <param name="Message">The <c>message</c> of the <c>{"code":"FAIL"}</c> body sent back; it names the problem without secrets or signatures.</param>
/// <param name="Exception">What failed, for the server's eyes only: its message may name configured key ids. Null for an oversized body.</param>
/// <param name="Notification">The verified notification whose handler failed (status 500); null for every other rejection.</param>
public sealed record NotificationRejection(int StatusCode, string Message, Exception? Exception, Notification? Notification);
