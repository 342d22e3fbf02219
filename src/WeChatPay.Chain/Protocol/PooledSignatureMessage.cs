using System.Buffers;

namespace WeChatPay.Chain.Protocol;

/// <summary>A signing message in a pooled buffer (see <see cref="SignatureMessage.Pooled(ReadOnlySpan{byte}, ReadOnlySpan{string})"/>); disposing wipes and returns the buffer.</summary>
internal readonly ref struct PooledSignatureMessage
{
    private readonly byte[] _buffer;
    private readonly int _length;

    internal PooledSignatureMessage(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The message bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Wipes the buffer and returns it to the pool.</summary>
    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
}
