namespace ImapClient.Protocol;

/// <summary>Parses an ENVELOPE. (Being written: placeholder so the engine builds.)</summary>
internal static class EnvelopeParser
{
    public static Envelope Parse(ref ImapReader reader)
    {
        reader.SkipValue();
        return new Envelope();
    }
}
