using ImapClient.Protocol;

namespace ImapClient;

/// <summary>A key without arguments: <c>ALL</c>, <c>SEEN</c>, <c>$</c> …</summary>
internal sealed class AtomKey(string atom, SearchFeatures features = SearchFeatures.None) : SearchQuery(features)
{
    internal override void Write(CommandBuilder builder) => builder.Raw(atom);
}

/// <summary>A key and a string: <c>FROM "ann"</c>, <c>SUBJECT {5+}…</c>.</summary>
internal sealed class StringKey(string name, string value) : SearchQuery(StringFeatures(value))
{
    internal override void Write(CommandBuilder builder) => builder.Raw(name).Space().AString(value);
}

/// <summary><c>HEADER field-name string</c>.</summary>
internal sealed class HeaderKey(string field, string value) : SearchQuery(StringFeatures(value))
{
    internal override void Write(CommandBuilder builder) => builder.Raw("HEADER "u8).AString(field).Space().AString(value);
}

/// <summary><c>KEYWORD flag</c> or <c>UNKEYWORD flag</c>.</summary>
internal sealed class KeywordKey(string name, string keyword) : SearchQuery(SearchFeatures.None)
{
    internal override void Write(CommandBuilder builder) => builder.Raw(name).Space().Raw(keyword);
}

/// <summary>A key and a date: <c>SINCE 01-Feb-1994</c>.</summary>
internal sealed class DateKey(string name, DateOnly date) : SearchQuery(SearchFeatures.None)
{
    internal override void Write(CommandBuilder builder) =>
        builder.Raw(name).Space().Date(date);
}

/// <summary>A key and a number: <c>LARGER 1024</c>, <c>MODSEQ 620162338</c>.</summary>
internal sealed class NumberKey(string name, ulong value, SearchFeatures features = SearchFeatures.None) : SearchQuery(features)
{
    internal override void Write(CommandBuilder builder) => builder.Raw(name).Space().Number(value);
}

/// <summary>A sequence set, bare (sequence numbers) or after <c>UID</c>.</summary>
internal sealed class SetKey(SequenceSet set, bool byUid)
    : SearchQuery(byUid ? SearchFeatures.None : SearchFeatures.SequenceNumbers)
{
    /// <summary>An empty set holds no message.</summary>
    internal override bool MatchesNothing => set.IsEmpty;

    // IMAP cannot write an empty set; NOT ALL matches what it would (nothing), also under NOT and OR.
    internal override void Write(CommandBuilder builder)
    {
        if (set.IsEmpty)
        {
            builder.Raw("NOT ALL"u8);
            return;
        }

        builder.Raw(byUid ? "UID "u8 : default).Set(set);
    }
}

/// <summary><c>NOT key</c>.</summary>
internal sealed class NotKey(SearchQuery operand) : SearchQuery(operand.Features)
{
    internal override void Write(CommandBuilder builder)
    {
        builder.Raw("NOT "u8);
        operand.WriteOperand(builder);
    }
}

/// <summary><c>OR key key</c>.</summary>
internal sealed class OrKey(SearchQuery left, SearchQuery right) : SearchQuery(left.Features | right.Features)
{
    internal override bool MatchesNothing => left.MatchesNothing && right.MatchesNothing;

    internal override void Write(CommandBuilder builder)
    {
        builder.Raw("OR "u8);
        left.WriteOperand(builder);
        builder.Space();
        right.WriteOperand(builder);
    }
}

/// <summary>Keys that must all match: side by side at the top, in parentheses where one key is expected.</summary>
internal sealed class AndKey(SearchQuery[] keys) : SearchQuery(Combine(keys))
{
    public SearchQuery[] Keys => keys;

    internal override bool MatchesNothing => Array.Exists(keys, k => k.MatchesNothing);

    internal override void Write(CommandBuilder builder)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                builder.Space();
            }

            keys[i].WriteOperand(builder);
        }
    }

    internal override void WriteOperand(CommandBuilder builder)
    {
        builder.Raw("("u8);
        Write(builder);
        builder.Raw(")"u8);
    }

    private static SearchFeatures Combine(SearchQuery[] keys)
    {
        var features = SearchFeatures.None;
        foreach (var key in keys)
        {
            features |= key.Features;
        }

        return features;
    }
}
