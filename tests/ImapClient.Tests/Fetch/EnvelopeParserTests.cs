using MimeKit;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

[TestFixture(0)]
[TestFixture(1)]
public sealed class EnvelopeParserTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private Envelope ParseEnvelope(string envelope)
    {
        var message = Fetch("* 1 FETCH (ENVELOPE " + envelope + " UID 77)\r\n");

        // The UID after the envelope proves the parser stopped exactly at its closing parenthesis.
        Assert.That(message.Uid, Is.EqualTo(77u));
        Assert.That(message.Envelope, Is.Not.Null);
        return message.Envelope!;
    }

    [Test]
    public void An_envelope_of_ten_NILs_has_no_date_subject_addresses_or_ids()
    {
        AssertAllNil(ParseEnvelope("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"));
    }

    [Test]
    public void A_group_becomes_a_GroupAddress_holding_its_members_and_an_empty_group_stays_empty()
    {
        var envelope = ParseEnvelope(
            """(NIL NIL NIL NIL NIL ((NIL NIL "team" NIL)("Ann" NIL "ann" "example.com")(NIL NIL "bob" "example.com")(NIL NIL NIL NIL)("Carol" NIL "carol" "example.org")) ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)""");

        Assert.That(envelope.To, Has.Count.EqualTo(2));
        Assert.That(envelope.To[0], Is.TypeOf<GroupAddress>());
        var team = (GroupAddress)envelope.To[0];
        Assert.That(team.Name, Is.EqualTo("team"));
        Assert.That(team.Members, Has.Count.EqualTo(2));
        AssertMailbox(team.Members[0], "Ann", "ann@example.com");
        AssertMailbox(team.Members[1], null, "bob@example.com");
        AssertMailbox(envelope.To[1], "Carol", "carol@example.org");

        Assert.That(envelope.Cc, Has.Count.EqualTo(1));
        Assert.That(envelope.Cc[0], Is.TypeOf<GroupAddress>());
        Assert.That(((GroupAddress)envelope.Cc[0]).Name, Is.EqualTo("undisclosed-recipients"));
        Assert.That(((GroupAddress)envelope.Cc[0]).Members, Is.Empty);
    }

    [Test]
    public void A_host_less_address_that_no_group_end_follows_is_kept_as_a_bare_mailbox()
    {
        var envelope = ParseEnvelope("""(NIL NIL ((NIL NIL "root" NIL)) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, null, "root");
    }

    [Test]
    public void RFC_2047_encoded_words_are_decoded_in_the_subject_and_in_display_names()
    {
        var envelope = ParseEnvelope(
            """("Tue, 1 Oct 2024 08:00:00 +0000" "=?UTF-8?Q?Caf=C3=A9_cr=C3=A8me?= =?ISO-8859-1?B?4A==?= la carte" (("=?ISO-8859-1?Q?Andr=E9?= Pirard" NIL "pirard" "vm1.ulg.ac.be")) NIL NIL (("Grüße" NIL "gruss" "example.de")) NIL NIL NIL NIL)""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Subject, Is.EqualTo("Café crèmeà la carte"));
            AssertSingleMailbox(envelope.From, "André Pirard", "pirard@vm1.ulg.ac.be");

            // Raw UTF-8 (IMAP4rev2 / UTF8=ACCEPT) passes through untouched.
            AssertSingleMailbox(envelope.To, "Grüße", "gruss@example.de");
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2024, 10, 1, 8, 0, 0, TimeSpan.Zero)));
        }
    }

    [Test]
    public void An_envelope_missing_its_trailing_fields_leaves_them_null_or_empty()
    {
        var envelope = ParseEnvelope("""("Mon, 7 Feb 1994 21:52:25 -0800" "short")""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(1994, 2, 7, 21, 52, 25, TimeSpan.FromHours(-8))));
            Assert.That(envelope.Subject, Is.EqualTo("short"));
            Assert.That(envelope.From, Is.Empty);
            Assert.That(envelope.To, Is.Empty);
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.Null);
        }
    }

    [Test]
    public void Extra_spaces_between_fields_and_between_addresses_are_tolerated()
    {
        var envelope = ParseEnvelope(
            """(NIL  "s"  (("A" NIL "a" "x.test")  ("B" NIL "b" "x.test") )  NIL NIL NIL NIL NIL NIL  "<id@x>" )""");
        Assert.That(envelope.From, Has.Count.EqualTo(2));
        AssertMailbox(envelope.From[0], "A", "a@x.test");
        AssertMailbox(envelope.From[1], "B", "b@x.test");
        Assert.That(envelope.MessageId, Is.EqualTo("<id@x>"));
    }

    [Test]
    public void A_bare_NIL_inside_an_address_list_is_skipped()
    {
        var envelope = ParseEnvelope("""(NIL NIL (NIL ("A" NIL "a" "x.test") NIL) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, "A", "a@x.test");
    }

    [Test]
    public void An_address_with_a_NIL_mailbox_keeps_its_display_name()
    {
        var envelope = ParseEnvelope("""(NIL NIL (("Postmaster" NIL NIL "example.com")) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, "Postmaster", "");
    }

    [Test]
    public void An_address_MimeKit_rejects_is_quoted_or_else_kept_as_a_display_name()
    {
        var envelope = ParseEnvelope(
            """(NIL NIL (("Dots" NIL "..." "example.com")) NIL NIL ((NIL NIL "x" ".MISSING-HOST-NAME.")) NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, "Dots", "\"...\"@example.com");
        AssertSingleMailbox(envelope.To, "x@.MISSING-HOST-NAME.", "");
    }

    [Test]
    public void Empty_strings_give_an_empty_subject_and_drop_an_address_with_nothing_in_it()
    {
        var envelope = ParseEnvelope("""("" "" (("" NIL "" "")) NIL NIL (("" NIL "a" "b.test")) NIL NIL "" "")""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.DateText, Is.Empty);
            Assert.That(envelope.Date, Is.Null);
            Assert.That(envelope.Subject, Is.Empty);
            Assert.That(envelope.From, Is.Empty);
            AssertSingleMailbox(envelope.To, null, "a@b.test");
            Assert.That(envelope.InReplyTo, Is.Empty);
            Assert.That(envelope.MessageId, Is.Empty);
        }
    }

    [Test]
    public void Literals_and_escaped_quotes_are_read_as_strings()
    {
        var envelope = ParseEnvelope("(NIL {11}\r\nHello world ((\"Joe \\\"JJ\\\" Smith\" NIL \"joe\" \"x.test\")) NIL NIL NIL NIL NIL NIL NIL)");
        Assert.That(envelope.Subject, Is.EqualTo("Hello world"));
        AssertSingleMailbox(envelope.From, "Joe \"JJ\" Smith", "joe@x.test");
    }

    [Test]
    public void An_unparseable_date_keeps_its_text_and_gives_a_null_Date()
    {
        var envelope = ParseEnvelope("""("not a date" NIL NIL NIL NIL NIL NIL NIL NIL NIL)""");
        Assert.That(envelope.DateText, Is.EqualTo("not a date"));
        Assert.That(envelope.Date, Is.Null);
    }

    [TestCase("Mon, 01 Jan 2024 10:00:00 +9999", TestName = "A zone of +9999 hours")]
    [TestCase("Mon, 01 Jan 2024 10:00:00 +0960", TestName = "A zone of 60 minutes")]
    [TestCase("Mon, 01 Jan 2024 10:00:00 -1500", TestName = "A zone beyond 14 hours")]
    [TestCase("Mon, 01 Jan 0000 10:00:00 +0000", TestName = "The year 0000")]
    [TestCase("Mon, 01 Jan 0099 10:00:00 +0000", TestName = "A four-digit year before 1000")]
    [TestCase("Mon, 31 Feb 2024 10:00:00 +0000", TestName = "The 31st of February")]
    public void An_impossible_date_gives_a_null_Date_and_keeps_its_text(string date)
    {
        var envelope = ParseEnvelope("(\"" + date + "\" NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        Assert.That(envelope.DateText, Is.EqualTo(date));
        Assert.That(envelope.Date, Is.Null);
    }

    [Test]
    public void Obsolete_two_digit_years_and_named_zones_still_parse()
    {
        var envelope = ParseEnvelope("""("Mon, 7 Feb 94 21:52:25 PST" NIL NIL NIL NIL NIL NIL NIL NIL NIL)""");
        Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(1994, 2, 7, 21, 52, 25, TimeSpan.FromHours(-8))));
    }

    [Test]
    public void An_address_with_three_fields_is_name_mailbox_and_host()
    {
        var envelope = ParseEnvelope("""(NIL NIL (("Terry Gray" "gray" "cac.washington.edu")) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, "Terry Gray", "gray@cac.washington.edu");
    }

    [Test]
    public void An_address_with_two_fields_is_mailbox_and_host()
    {
        var envelope = ParseEnvelope("""(NIL NIL (("gray" "cac.washington.edu")) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, null, "gray@cac.washington.edu");
    }

    [Test]
    public void An_address_with_five_fields_keeps_mailbox_and_host_as_the_last_two()
    {
        var envelope = ParseEnvelope("""(NIL NIL (("Terry Gray" NIL NIL "gray" "cac.washington.edu")) NIL NIL NIL NIL NIL NIL NIL)""");
        AssertSingleMailbox(envelope.From, "Terry Gray", "gray@cac.washington.edu");
    }

    [Test]
    public void Fields_beyond_the_tenth_are_skipped()
    {
        var envelope = ParseEnvelope("""(NIL "s" NIL NIL NIL NIL NIL NIL NIL "<id@x>" "extra" (1 (2)))""");
        Assert.That(envelope.Subject, Is.EqualTo("s"));
        Assert.That(envelope.MessageId, Is.EqualTo("<id@x>"));
    }
}
