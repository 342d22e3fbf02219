namespace WeChatPay.Chain.Simulator.Http;

/// <summary>One part of a <c>multipart/form-data</c> body: its name, optional file name and type, and its exact bytes.</summary>
/// <param name="Name">The <c>name</c> of its <c>Content-Disposition</c>.</param>
/// <param name="FileName">The <c>filename</c> of its <c>Content-Disposition</c>, if any.</param>
/// <param name="ContentType">Its <c>Content-Type</c> header, if any.</param>
/// <param name="Content">The bytes between its header block and the next delimiter, exactly as sent.</param>
internal sealed record MultipartPart(string Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);
