namespace WeChatPay.Chain.Simulator.Media;

/// <summary>
/// An accepted upload as stored: what tests see, plus the bytes of images uploaded for marketing, which the simulator
/// serves at their <c>media_url</c>. Other uploads keep no bytes, so long runs with videos do not grow without bound.
/// </summary>
internal sealed record UploadedMedia(UploadedMediaView View, byte[]? Content);
