namespace WeChatPay.Chain.Client;

/// <summary>
/// A read-only stream that gives back bytes already read from another — the head of an answer, read to tell a file from
/// an XML failure — before the rest of that other stream.
/// </summary>
internal sealed class ReplayStream(byte[] head, int headLength, Stream rest) : ReadOnlyStream(rest)
{
    private int _at;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_at < headLength) return FromHead(buffer.AsSpan(offset, count));
        return Inner.Read(buffer, offset, count);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _at < headLength ? Task.FromResult(FromHead(buffer.AsSpan(offset, count))) : Inner.ReadAsync(buffer, offset, count, cancellationToken);

    private int FromHead(Span<byte> buffer)
    {
        var length = Math.Min(buffer.Length, headLength - _at);
        head.AsSpan(_at, length).CopyTo(buffer);
        _at += length;
        return length;
    }
}
