using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// One simulated smart-retail order. Mutable, and touched only under <see cref="SmartRetailOrderStore"/>'s lock.
/// </summary>
internal sealed class SmartRetailOrder
{
    /// <summary>How long an order may wait in CREATED for the user before it expires.</summary>
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromHours(1);

    public SmartRetailOrder(CreateOrderRequest request, string orderId, string package, DateTimeOffset createdAt)
    {
        Request = request;
        OrderId = orderId;
        Package = package;
        CreatedAt = createdAt;
        Fees = request.Fees;
        Discounts = request.Discounts;
        OpenId = request.OpenId;
    }

    public CreateOrderRequest Request { get; }

    public string OutOrderNo => Request.OutOrderNo;

    public string AppId => Request.AppId;

    public string ServiceId => Request.ServiceId;

    public string OrderId { get; }

    /// <summary>What the mini program is opened with to let the user confirm.</summary>
    public string Package { get; }

    public DateTimeOffset CreatedAt { get; }

    public SmartRetailOrderState State { get; set; } = SmartRetailOrderState.Created;

    public string? OpenId { get; set; }

    public IReadOnlyList<Fee> Fees { get; set; }

    public IReadOnlyList<Discount> Discounts { get; set; }

    public string? FinishTicket { get; set; }

    public int? FinishType { get; set; }

    public long? TotalAmount { get; set; }

    public string? RealServiceStartTime { get; set; }

    public string? RealServiceEndTime { get; set; }

    public string? RealServiceEndLocation { get; set; }

    public string? CancelReason { get; set; }

    public bool? ProfitSharing { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public string? FinishTransactionId { get; set; }

    public string? PayType { get; set; }

    /// <summary>Expiry is lazy: an order becomes EXPIRED the first time it is looked at an hour or more after creation.</summary>
    public void Refresh(DateTimeOffset now)
    {
        if (State == SmartRetailOrderState.Created && now - CreatedAt >= ConfirmationWindow) State = SmartRetailOrderState.Expired;
    }

    /// <summary>Same parameters make a retry, which WeChat Pay answers with the existing order.</summary>
    public bool IsSameRequest(CreateOrderRequest other) => JsonNode.DeepEquals(Request.Body, other.Body);

    public SmartRetailOrderView ToView() => new(OutOrderNo, OrderId, ServiceId, AppId, State, FinishTicket, TotalAmount, Request.NotifyUrl) { Scheme = Request.Scheme };
}
