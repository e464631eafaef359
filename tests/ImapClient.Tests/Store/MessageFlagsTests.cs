namespace ImapClient.Tests.Store;

/// <summary>Flag sets hold only what IMAP can carry: keywords are atoms, extension flags <c>\Name</c>, never <c>\*</c> or <c>\Recent</c>.</summary>
public class MessageFlagsTests
{
    [TestCase("$Forwarded")]
    [TestCase("NonJunk")]
    [TestCase("$Label[1")]
    [TestCase("\\Extension")]
    public void Atoms_and_extension_flags_are_accepted(string keyword) =>
        Assert.That(new MessageFlags(SystemFlags.Seen, [keyword]).Keywords, Is.EqualTo(new[] { keyword }));

    [TestCase("two words")]
    [TestCase("(paren")]
    [TestCase("quote\"")]
    [TestCase("brace{")]
    [TestCase("bracket]")]
    [TestCase("wild*")]
    [TestCase("per%cent")]
    [TestCase("Grüße")]
    [TestCase("line\r\nA1 LOGOUT")]
    [TestCase("\\*")]
    [TestCase("\\Recent")]
    [TestCase("\\")]
    [TestCase("back\\slash")]
    public void Anything_else_is_refused_at_construction(string keyword) =>
        Assert.Throws<ArgumentException>(() => _ = new MessageFlags(SystemFlags.None, [keyword]));

    [Test]
    public void Registered_keywords_are_the_RFC_spellings() =>
        Assert.That(
            new[] { MessageKeywords.Forwarded, MessageKeywords.MdnSent, MessageKeywords.Junk, MessageKeywords.NotJunk, MessageKeywords.Phishing, MessageKeywords.Important },
            Is.EqualTo(new[] { "$Forwarded", "$MDNSent", "$Junk", "$NotJunk", "$Phishing", "$Important" }));

    [Test]
    public void Keywords_compare_case_insensitively_and_duplicates_collapse()
    {
        var flags = new MessageFlags(SystemFlags.Flagged, ["$junk", "$Junk", MessageKeywords.Important]);
        Assert.That(flags.Keywords, Is.EqualTo(new[] { "$junk", "$Important" }));
        Assert.That(flags.Contains(MessageKeywords.Junk), Is.True);
        Assert.That(flags, Is.EqualTo(new MessageFlags(SystemFlags.Flagged, ["$IMPORTANT", "$JUNK"])));
        Assert.That(flags.ToString(), Is.EqualTo("\\Flagged $junk $Important"));
    }
}
