using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>The order after a user action, and the notification the action causes.</summary>
internal sealed record UserActionResult(SmartRetailOrderView Order, JsonObject Resource, PayscoreEvent Event);
