using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The pooled buffer a signing message is written into holds the request or response body; it goes back to the shared
/// pool wiped, so no later renter of the pool can read it.
/// </summary>
public class PooledMessageTests
{
    private const string Body = "{\"name\":\"张三\",\"id_card\":\"110101199003070000\"}";

    [Test]
    public void A_message_over_body_bytes_is_wiped_when_disposed()
        => AssertWipedWhenDisposed(SignatureMessage.Pooled(Encoding.UTF8.GetBytes(Body), "POST", "/v3/x", "1700000000", "nonce"),
            SignatureMessage.ForRequest("POST", "/v3/x", "1700000000", "nonce", Encoding.UTF8.GetBytes(Body)));

    [Test]
    public void A_message_over_body_text_is_wiped_when_disposed()
        => AssertWipedWhenDisposed(SignatureMessage.Pooled(Body, "1700000000", "nonce"), SignatureMessage.ForResponse("1700000000", "nonce", Encoding.UTF8.GetBytes(Body)));

    /// <summary>The pooled message holds <paramref name="expected"/> while in use, and the pool's bytes under it are zero once it is disposed.</summary>
    private static void AssertWipedWhenDisposed(PooledSignatureMessage message, byte[] expected)
    {
        ref var start = ref Unsafe.NullRef<byte>();
        try
        {
            Assert.That(message.Span.ToArray(), Is.EqualTo(expected));
            start = ref MemoryMarshal.GetReference(message.Span);
        }
        finally
        {
            message.Dispose();
        }
        Assert.That(MemoryMarshal.CreateReadOnlySpan(ref start, expected.Length).ToArray(), Is.All.EqualTo((byte)0));
    }
}
