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

    [Test]
    public void Every_character_is_equally_likely()
    {
        // 124,000 characters, 2,000 expected of each. Reducing a random byte modulo 62 instead of drawing again would make
        // the first eight characters 25 % likelier, a chi-square near 1,000; a fair draw stays under the 1-in-a-million
        // bound for 61 degrees of freedom (about 135).
        var counts = new int[62];
        for (var i = 0; i < 3_875; i++)
        {
            foreach (var c in Nonce.Create()) counts[Nonce.Alphabet.IndexOf(c)]++;
        }
        var expected = 3_875 * 32 / 62.0;
        var chiSquare = counts.Sum(n => (n - expected) * (n - expected) / expected);
        Assert.That(chiSquare, Is.LessThan(135), string.Join(",", counts));
    }

    [Test]
    public void A_nonce_of_no_length_is_empty_and_a_negative_length_is_refused()
    {
        Assert.That(Nonce.Create(0), Is.Empty);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => Nonce.Create(-1))!;
        Assert.That(refused.ParamName, Is.EqualTo("length"));
        Assert.That(refused.Message, Does.StartWith("A nonce's length cannot be negative."));
    }

    [Test]
    public void A_long_nonce_draws_as_many_random_blocks_as_it_needs()
    {
        // Three thousand characters take about three of a thread's 1,024-byte blocks; a block reused would repeat itself.
        var nonce = Nonce.Create(3_000);
        Assert.That(nonce.Distinct().Count(), Is.EqualTo(62));
        Assert.That(Enumerable.Range(0, 2_900).Select(i => nonce.Substring(i, 100)).Distinct().Count(), Is.EqualTo(2_900));
    }

    [Test]
    public void Nonces_made_on_many_threads_at_once_are_all_different()
    {
        var nonces = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 200; i++) nonces.Add(Nonce.Create());
        });
        Assert.That(nonces.Distinct().Count(), Is.EqualTo(1_600));
    }
}
