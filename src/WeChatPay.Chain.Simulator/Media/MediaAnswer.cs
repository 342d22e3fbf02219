namespace WeChatPay.Chain.Simulator.Media;

/// <summary>What an upload API answers with: a <c>media_id</c> to quote in later requests, or a <c>media_url</c>.</summary>
internal enum MediaAnswer
{
    /// <summary><c>{"media_id": "…"}</c>.</summary>
    MediaId,

    /// <summary><c>{"media_id": "&lt;32 hex&gt;.&lt;ext&gt;"}</c>, the shape the complaint image upload answers with.</summary>
    MediaIdWithExtension,

    /// <summary><c>{"media_url": "…"}</c>, as the marketing image upload answers.</summary>
    MediaUrl,
}
