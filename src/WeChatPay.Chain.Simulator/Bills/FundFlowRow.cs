namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>One line of a fund-flow bill: money into or out of one account of the merchant.</summary>
internal sealed record FundFlowRow(DateTimeOffset Time, string BusinessNo, string FlowNo, string BusinessName, string BusinessType, bool Income, long AmountFen);
