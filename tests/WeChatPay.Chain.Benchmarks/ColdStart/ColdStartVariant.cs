namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>What a cold-start child does between starting and its first verified response.</summary>
public enum ColdStartVariant
{
    /// <summary>The floor, step by step: load keys, first RSA signature, first JSON, first HTTPS request, first verification, first dynamic binding — each timed alone.</summary>
    Steps,

    /// <summary>The hand-written baseline: load the PEM keys, build it, make the call.</summary>
    Baseline,

    /// <summary><c>Builder.Create</c> with <c>file://</c> keys, then <c>client.Chain("v3/…").PostAsync(new { json })</c>.</summary>
    Typed,

    /// <summary><c>Builder.Factory</c> with <c>file://</c> keys, then <c>await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json })</c>.</summary>
    Dynamic,
}
