using ImapClient.Protocol;

namespace ImapClient.Tests.Protocol;

public sealed class ImapDateParserTests
{
    [TestCase("17-Jul-1996 02:44:25 -0700", 1996, 7, 17, 2, 44, 25, -7, 0)]
    [TestCase(" 7-Jul-1996 02:44:25 -0700", 1996, 7, 7, 2, 44, 25, -7, 0)]
    [TestCase("7-Jul-1996 02:44:25 +0000", 1996, 7, 7, 2, 44, 25, 0, 0)]
    [TestCase("07-jul-1996 23:59:59 +0530", 1996, 7, 7, 23, 59, 59, 5, 30)]
    [TestCase("29-Feb-2024 00:00:00 -0930", 2024, 2, 29, 0, 0, 0, -9, -30)]
    [TestCase("31-DEC-9999 10:00:00 +1400", 9999, 12, 31, 10, 0, 0, 14, 0)]
    public void An_INTERNALDATE_is_parsed_with_its_own_offset(string text, int year, int month, int day, int hour, int minute, int second, int offsetHours, int offsetMinutes)
    {
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        var date = ImapDateParser.ParseInternalDate(text);
        Assert.That(date, Is.EqualTo(new DateTimeOffset(year, month, day, hour, minute, second, offset)));
        Assert.That(date!.Value.Offset, Is.EqualTo(offset));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("yesterday")]
    [TestCase("32-Jul-1996 02:44:25 -0700")]
    [TestCase("0-Jul-1996 02:44:25 -0700")]
    [TestCase("29-Feb-2023 02:44:25 -0700")]
    [TestCase("17-Jux-1996 02:44:25 -0700")]
    [TestCase("17-Jul-96 02:44:25 -0700")]
    [TestCase("17-Jul-1996 24:00:00 -0700")]
    [TestCase("17-Jul-1996 02:60:25 -0700")]
    [TestCase("17-Jul-1996 02:44:25")]
    [TestCase("17-Jul-1996 02:44:25 -07")]
    [TestCase("17-Jul-1996 02:44:25 0700")]
    [TestCase("17-Jul-1996 02:44:25 +1500")]
    [TestCase("17-Jul-1996 02:44:25 +0060")]
    [TestCase("17-Jul-1996 02:44:25 -0700 junk")]
    [TestCase("01-Jan-0001 00:00:00 +0100")]
    [TestCase("Wed, 17 Jul 1996 02:44:25 -0700")]
    public void An_unparseable_INTERNALDATE_gives_null(string text)
    {
        Assert.That(ImapDateParser.ParseInternalDate(text), Is.Null);
    }

    [Test]
    public void A_leap_second_is_clamped_to_the_second_before()
    {
        Assert.That(
            ImapDateParser.ParseInternalDate("31-Dec-2016 23:59:60 +0000"),
            Is.EqualTo(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }

    [Test]
    public void An_envelope_date_is_parsed_leniently_and_gives_null_when_absent_or_unparseable()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                ImapDateParser.ParseEnvelopeDate("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"),
                Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 23, 25, TimeSpan.FromHours(-7))));
            Assert.That(
                ImapDateParser.ParseEnvelopeDate("6 Nov 2019 09:12:02 +0100"),
                Is.EqualTo(new DateTimeOffset(2019, 11, 6, 9, 12, 2, TimeSpan.FromHours(1))));
            Assert.That(ImapDateParser.ParseEnvelopeDate(null), Is.Null);
            Assert.That(ImapDateParser.ParseEnvelopeDate("no date at all"), Is.Null);
        }
    }
}
