namespace WeChatPay.Chain.Simulator;

/// <summary>One try at delivering a notification, as the simulator saw it.</summary>
/// <param name="NotificationId">The notification's <c>id</c>; the same on every retry.</param>
/// <param name="EventType">For example <c>PAYSCORE.USER_CONFIRM</c>.</param>
/// <param name="OutOrderNo">The order the notification is about.</param>
/// <param name="Url">Where it was sent.</param>
/// <param name="Attempt">1 for the first try, 2 for the first retry, and so on.</param>
/// <param name="StatusCode">The HTTP status the receiver answered; null when no answer came (refused, timed out).</param>
/// <param name="Error">Why the try failed without an HTTP answer; null otherwise.</param>
/// <param name="Succeeded">The receiver answered 2xx, so no more tries follow.</param>
/// <param name="IsFinal">No more tries follow: it succeeded, or the retry schedule is used up.</param>
/// <param name="At">When the try ended, by the simulator's clock.</param>
public sealed record NotificationAttempt(
    string NotificationId,
    string EventType,
    string OutOrderNo,
    Uri Url,
    int Attempt,
    int? StatusCode,
    string? Error,
    bool Succeeded,
    bool IsFinal,
    DateTimeOffset At);
