using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Notifications;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Control;

/// <summary>
/// The user's side of an order (accept, pay) together with the notification each causes, sent to the order's
/// <c>notify_url</c> or else the server-wide one. Shared by the control endpoints and <see cref="SimulatorServer"/>'s methods.
/// </summary>
internal sealed class ControlOperations
{
    private readonly UserActions _actions;
    private readonly NotificationDispatcher _notifications;
    private readonly Uri? _defaultNotifyUrl;

    public ControlOperations(UserActions actions, NotificationDispatcher notifications, Uri? defaultNotifyUrl)
    {
        _actions = actions;
        _notifications = notifications;
        _defaultNotifyUrl = defaultNotifyUrl;
    }

    /// <exception cref="ApiError">No such order, or it is not CREATED.</exception>
    public UserActionResult Accept(string outOrderNo) => Notify(_actions.Accept(outOrderNo));

    /// <exception cref="ApiError">No such order, or it is not FINISHED.</exception>
    public UserActionResult Pay(string outOrderNo) => Notify(_actions.Pay(outOrderNo));

    private UserActionResult Notify(UserActionResult result)
    {
        if ((result.Order.NotifyUrl ?? _defaultNotifyUrl) is { } target)
            _notifications.Enqueue(target, result.Event, result.Order, result.Resource);
        return result;
    }
}
