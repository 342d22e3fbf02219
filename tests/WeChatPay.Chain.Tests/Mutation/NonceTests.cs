namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>Request and pay-sign nonces: 32 characters by default, any length on request, digits and ASCII letters only.</summary>
public class NonceTests
{
    [Test]
    public void A_nonce_is_32_characters_of_the_alphabet_by_default()
    {
        var nonce = Nonce.Create();
        Assert.That(nonce, Has.Length.EqualTo(32));
        Assert.That(nonce.All(c => Nonce.Alphabet.Contains(c)), Is.True);
    }

    [TestCase(1)]
    [TestCase(12)]
    [TestCase(64)]
    public void A_nonce_has_the_length_asked_for(int length)
        => Assert.That(Nonce.Create(length), Has.Length.EqualTo(length));

    [Test]
    public void The_alphabet_is_the_62_digits_and_ascii_letters()
    {
        Assert.That(Nonce.Alphabet, Has.Length.EqualTo(62));
        Assert.That(Nonce.Alphabet.All(char.IsAsciiLetterOrDigit), Is.True);
        Assert.That(Nonce.Alphabet.Distinct().Count(), Is.EqualTo(62));
    }

    [Test]
    public void Nonces_differ_from_call_to_call_and_use_the_whole_alphabet()
    {
        var nonces = Enumerable.Range(0, 200).Select(_ => Nonce.Create()).ToList();
        Assert.That(nonces.Distinct().Count(), Is.EqualTo(200));
        Assert.That(string.Concat(nonces).Distinct().Count(), Is.EqualTo(62), "6,400 draws reach every one of the 62 characters");
    }
}
