namespace ImapClient.Protocol;

/// <summary>What a body that starts with a string (rather than a nested body) turns out to be.</summary>
internal enum BodyShape
{
    /// <summary><c>body-type-1part</c>: the string was the media type.</summary>
    SinglePart,

    /// <summary>A multipart with no children; the string was its subtype (<c>("ALTERNATIVE" …)</c>, Gmail).</summary>
    ChildlessMultipart,

    /// <summary>A multipart with no children written <c>(NIL "alternative" …)</c>: the subtype follows the NIL.</summary>
    ChildlessMultipartAfterNil,

    /// <summary>A single part whose media type was left out: the string was its subtype.</summary>
    MissingMediaType,
}

/// <summary>
/// Look-ahead for the body structures broken servers send, so the parser can tell their shapes apart before reading
/// them. Each takes a copy of the reader and consumes nothing.
/// </summary>
internal static class BodyShapes
{
    /// <summary>
    /// Reads the shape of a body from the values after its first string. A single part has a string subtype and at
    /// least six values after its type. A list right after the type is a multipart's parameters, unless the fifth
    /// value is a number: then the type was left out and that number is the size (MailKit#371). A NIL second, or
    /// fewer values in all, is a multipart without children (Gmail, MailKit#205, #777, #1841, #1393).
    /// </summary>
    public static BodyShape AfterType(ImapReader probe, bool typeIsNil, int depth)
    {
        var values = 0;
        var first = (byte)0;
        var firstIsNil = false;
        var fifthIsNumber = false;
        while (values < 6)
        {
            probe.SkipAnySpaces();
            if (!probe.TryPeek(out var next) || next == (byte)')')
            {
                break;
            }

            if (values == 0)
            {
                first = next;
                var nil = probe;
                firstIsNil = nil.TryReadNil();
            }
            else if (values == 4)
            {
                fifthIsNumber = probe.NextIsDigit;
            }

            probe.SkipValue(depth + 1);
            values++;
        }

        if (values == 0)
        {
            return BodyShape.ChildlessMultipart;
        }

        if (first == (byte)'(')
        {
            return fifthIsNumber ? BodyShape.MissingMediaType : BodyShape.ChildlessMultipart;
        }

        if (firstIsNil)
        {
            return values < 6 ? BodyShape.ChildlessMultipart : BodyShape.SinglePart;
        }

        return typeIsNil && values < 6 && first is (byte)'"' or (byte)'{' or (byte)'~'
            ? BodyShape.ChildlessMultipartAfterNil
            : BodyShape.SinglePart;
    }

    /// <summary>
    /// Whether a message/rfc822 part goes on with <c>envelope body lines</c>, given the value after its size. An
    /// envelope is a list, which an MD5 never is; NIL is ambiguous, so what follows it decides: a body (or NIL) and a
    /// line count make a message, anything else is the MD5, disposition … of a part Gmail sent in the shape of a basic
    /// part (MailKit PR#59).
    /// </summary>
    public static bool MessageFieldsFollow(ImapReader probe, int depth)
    {
        if (probe.IsNext((byte)'('))
        {
            return true;
        }

        if (!probe.TryReadNil())
        {
            return false;
        }

        probe.SkipAnySpaces();
        if (probe.NextIsDigit)
        {
            return true;
        }

        if (probe.IsNext((byte)'('))
        {
            probe.SkipValue(depth + 1);
        }
        else if (!probe.TryReadNil())
        {
            return false;
        }

        probe.SkipAnySpaces();
        return probe.NextIsDigit || probe.IsNext((byte)'-');
    }
}
