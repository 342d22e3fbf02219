using FsCheck;
using FsCheck.Fluent;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>Generators of byte strings: random, and random text encoded as UTF-8 (which JSON parsers get further into).</summary>
internal static class Bytes
{
    public static Gen<byte[]> Any(int maxLength = 512)
        => Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    /// <summary>Random bytes, or UTF-8 text with JSON delimiters in it.</summary>
    public static Gen<byte[]> Body() => Gen.OneOf(
        Any(),
        Text.From("{}[]\":,0123456789.-etruanlfsxyz \\", 200).Select(System.Text.Encoding.UTF8.GetBytes),
        Text.Any().Select(System.Text.Encoding.UTF8.GetBytes));
}
