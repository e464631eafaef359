namespace ImapClient.Protocol;

/// <summary>Parses a BODY / BODYSTRUCTURE. (Being written: placeholder so the engine builds.)</summary>
internal static class BodyStructureParser
{
    public static BodyPart Parse(ref ImapReader reader)
    {
        reader.SkipValue();
        return new BodyPartBasic(new MimeKit.ContentType("application", "octet-stream"), "");
    }
}
