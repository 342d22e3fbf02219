using System.Collections.Concurrent;

namespace WeChatPay.Chain.Compatibility;

/// <summary>The collection members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class CollectionExtensions
{
    /// <summary>Lets <c>foreach (var (key, value) in dictionary)</c> compile.</summary>
    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }

    extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary) where TKey : notnull
    {
        /// <summary>The value for <paramref name="key"/>, or <paramref name="fallback"/>.</summary>
        public TValue? GetValueOrDefault(TKey key, TValue? fallback = default)
            => dictionary.TryGetValue(key, out var value) ? value : fallback;

        /// <summary>Adds the pair unless the key is there; whether it was added.</summary>
        public bool TryAdd(TKey key, TValue value)
        {
            if (dictionary.ContainsKey(key)) return false;
            dictionary.Add(key, value);
            return true;
        }
    }

    extension<TKey, TValue>(ConcurrentDictionary<TKey, TValue> dictionary) where TKey : notnull
    {
        /// <summary>The value for <paramref name="key"/>, made from <paramref name="argument"/> when missing.</summary>
        public TValue GetOrAdd<TArgument>(TKey key, Func<TKey, TArgument, TValue> factory, TArgument argument)
            => dictionary.TryGetValue(key, out var value) ? value : dictionary.GetOrAdd(key, k => factory(k, argument));
    }
}
