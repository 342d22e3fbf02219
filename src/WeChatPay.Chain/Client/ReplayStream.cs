namespace WeChatPay.Chain.Client;

/// <summary>
/// A read-only stream that gives back bytes already read from another — the head of an answer, read to tell a file from
/// an XML failure — before the rest of that other stream.
/// </summary>
internal sealed class ReplayStream(byte[] head, int headLength, Stream rest) : Stream
{
    private int _at;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_at < headLength) return FromHead(buffer.AsSpan(offset, count));
        return rest.Read(buffer, offset, count);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _at < headLength ? Task.FromResult(FromHead(buffer.AsSpan(offset, count))) : rest.ReadAsync(buffer, offset, count, cancellationToken);

    private int FromHead(Span<byte> buffer)
    {
        var length = Math.Min(buffer.Length, headLength - _at);
        head.AsSpan(_at, length).CopyTo(buffer);
        _at += length;
        return length;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush() { }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
