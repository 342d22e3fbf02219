namespace WeChatPay.Chain.Simulator;

/// <summary>
/// Where a smart-retail order is in its life:
/// <c>CREATED → USER_ACCEPTED → FINISHED → USER_PAID</c>, or <c>REVOKED</c> (cancelled, or completed with
/// <c>finish_type</c> 1), or <c>EXPIRED</c> (left in CREATED for an hour).
/// </summary>
public enum SmartRetailOrderState
{
    /// <summary>Created by the merchant, waiting for the user to confirm.</summary>
    Created,

    /// <summary>The user confirmed; the order now has a <c>finish_ticket</c> and may be completed.</summary>
    UserAccepted,

    /// <summary>Completed with an amount to deduct, waiting for the deduction.</summary>
    Finished,

    /// <summary>The deduction went through.</summary>
    UserPaid,

    /// <summary>Cancelled before confirmation, or completed with <c>finish_type</c> 1 (nothing to pay).</summary>
    Revoked,

    /// <summary>Not confirmed within an hour of creation.</summary>
    Expired,
}

/// <summary>The names the states have on the wire.</summary>
public static class SmartRetailOrderStateNames
{
    /// <summary>The wire name, e.g. <c>USER_ACCEPTED</c>, as the query endpoint returns it.</summary>
    public static string ToWireName(this SmartRetailOrderState state) => state switch
    {
        SmartRetailOrderState.Created => "CREATED",
        SmartRetailOrderState.UserAccepted => "USER_ACCEPTED",
        SmartRetailOrderState.Finished => "FINISHED",
        SmartRetailOrderState.UserPaid => "USER_PAID",
        SmartRetailOrderState.Revoked => "REVOKED",
        SmartRetailOrderState.Expired => "EXPIRED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a smart-retail order state."),
    };
}
