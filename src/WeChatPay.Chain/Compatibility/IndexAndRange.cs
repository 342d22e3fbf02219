namespace System;

/// <summary>A position counted from the start or from the end, for the <c>^i</c> syntax on netstandard2.0.</summary>
internal readonly struct Index : IEquatable<Index>
{
    private readonly int _value;

    /// <summary>A position <paramref name="value"/> from the start, or from the end when <paramref name="fromEnd"/>.</summary>
    public Index(int value, bool fromEnd = false)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), "An index cannot be negative.");
        _value = fromEnd ? ~value : value;
    }

    /// <summary>The first position.</summary>
    public static Index Start => new(0);

    /// <summary>The position just past the last.</summary>
    public static Index End => new(0, fromEnd: true);

    /// <summary>The distance from the start or from the end.</summary>
    public int Value => _value < 0 ? ~_value : _value;

    /// <summary>Whether <see cref="Value"/> counts from the end.</summary>
    public bool IsFromEnd => _value < 0;

    /// <summary>The position from the start in a sequence of <paramref name="length"/> items.</summary>
    public int GetOffset(int length) => IsFromEnd ? length - Value : Value;

    /// <summary>A position from the start.</summary>
    public static implicit operator Index(int value) => new(value);

    /// <inheritdoc />
    public bool Equals(Index other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Index other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value;
}

/// <summary>A span of positions, for the <c>a..b</c> syntax on netstandard2.0.</summary>
internal readonly struct Range(Index start, Index end) : IEquatable<Range>
{
    /// <summary>The first position in the range.</summary>
    public Index Start { get; } = start;

    /// <summary>The position just past the range.</summary>
    public Index End { get; } = end;

    /// <summary>From <paramref name="start"/> to the end.</summary>
    public static Range StartAt(Index start) => new(start, Index.End);

    /// <summary>From the start to <paramref name="end"/>.</summary>
    public static Range EndAt(Index end) => new(Index.Start, end);

    /// <summary>Everything.</summary>
    public static Range All => new(Index.Start, Index.End);

    /// <summary>The offset and length of the range in a sequence of <paramref name="length"/> items.</summary>
    public (int Offset, int Length) GetOffsetAndLength(int length)
    {
        var start = Start.GetOffset(length);
        var end = End.GetOffset(length);
        if ((uint)end > (uint)length || (uint)start > (uint)end) throw new ArgumentOutOfRangeException(nameof(length));
        return (start, end - start);
    }

    /// <inheritdoc />
    public bool Equals(Range other) => Start.Equals(other.Start) && End.Equals(other.End);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Range other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Start.GetHashCode() * 31 + End.GetHashCode();
}
