using System.Text;

namespace Patchwork.Cli.Tests;

/// <summary>
/// A small district in the bulk format, written in code: the Turners (Ava, her mother Chloe, her brother Noah, her
/// father Liam who moved out, her grandmother Margaret) and Zoe Price, with three professionals in three agencies.
/// Every id starts with a prefix, so two districts can live in one store. Line numbers are those of the files
/// below: the header is line 1.
/// </summary>
public sealed class District
{
    public const string ReferenceDate = "2026-06-01";

    private readonly Dictionary<string, string> files;

    public District(string prefix = "")
    {
        Prefix = prefix;
        var p = prefix;
        files = new Dictionary<string, string>
        {
            ["persons.csv"] = $"""
                id:ID(Person),givenName,familyName,dateOfBirth:date,gender,nhsNumber,:LABEL
                {p}P1,Ava,Turner,2014-03-14,female,9434765919,Person
                {p}P2,Chloe,Turner,1989-02-02,female,,Person
                {p}P3,Noah,Turner,2017-01-20,male,,Person
                {p}P4,Liam,Turner,1987-07-30,male,,Person
                {p}P5,Margaret,Hale,1956-05-05,female,,Person
                {p}P6,Zoe,Price,2010-09-09,,,Person

                """,
            ["households.csv"] = $"""
                id:ID(Household),name,address,postcode,:LABEL
                {p}H1,Turner household,14 Elm Road,NV1 2AB,Household
                {p}H2,"Liam Turner's flat, upstairs",3 Canal Street,NV2 4CD,Household
                {p}H3,Price household,,,Household

                """,
            ["professionals.csv"] = $"""
                id:ID(Professional),givenName,familyName,jobTitle,phone,email,roles:string[],:LABEL
                {p}PR1,Sam,Adeyemi,Social Worker,01632 960001,sam{p}@northvale.example,Practitioner;Coordinator,Professional
                {p}PR2,Priya,Shah,School Nurse,01632 960002,priya{p}@nhs.example,Practitioner,Professional
                {p}PR3,Kieran,Lynch,Recovery Worker,,,Practitioner,Professional

                """,
            ["agencies.csv"] = $"""
                id:ID(Agency),name,kind,phone,sensitive:boolean,:LABEL
                {p}A1,Northvale Children's Services,children-social-care,01632 960100,false,Agency
                {p}A2,NHS Northvale,health,,false,Agency
                {p}A3,Pathways Recovery,substance-misuse,,true,Agency

                """,
            ["member_of.csv"] = $"""
                :START_ID(Person),:END_ID(Household),since:date,until:date,:TYPE
                {p}P2,{p}H1,2012-01-01,,MEMBER_OF
                {p}P1,{p}H1,2014-03-14,,MEMBER_OF
                {p}P3,{p}H1,2017-01-20,,MEMBER_OF
                {p}P4,{p}H1,2012-01-01,2024-09-01,MEMBER_OF
                {p}P4,{p}H2,2024-09-01,,MEMBER_OF
                {p}P6,{p}H3,2010-09-09,,MEMBER_OF

                """,
            ["family.csv"] = $"""
                :START_ID(Person),:END_ID(Person),kind,since:date,until:date,:TYPE
                {p}P2,{p}P1,parent,2014-03-14,,FAMILY
                {p}P4,{p}P1,parent,2014-03-14,,FAMILY
                {p}P2,{p}P3,parent,2017-01-20,,FAMILY
                {p}P1,{p}P3,sibling,2017-01-20,,FAMILY
                {p}P2,{p}P4,partner,2010-06-01,2024-09-01,FAMILY
                {p}P5,{p}P1,grandparent,2014-03-14,,FAMILY

                """,
            ["works_for.csv"] = $"""
                :START_ID(Professional),:END_ID(Agency),team,since:date,until:date,:TYPE
                {p}PR1,{p}A1,Child Protection,2019-08-05,,WORKS_FOR
                {p}PR2,{p}A2,School Nursing,2018-01-08,,WORKS_FOR
                {p}PR3,{p}A3,,2021-02-01,,WORKS_FOR

                """,
            ["involved_with.csv"] = $"""
                :START_ID(Professional),role,:END_ID(Person),lead:boolean,sensitive:boolean,since:date,until:date,:TYPE,recordedAt:datetime,recordedBy
                {p}PR1,Child protection social worker,{p}P1,true,false,2025-11-03,,INVOLVED_WITH,2025-11-03T10:00:00Z,sam
                {p}PR2,School nurse,{p}P1,false,false,2025-09-10,,INVOLVED_WITH,,
                {p}PR3,Recovery worker,{p}P4,false,true,2025-01-15,,INVOLVED_WITH,,
                {p}PR2,School nurse,{p}P6,false,false,2024-01-01,2025-01-01,INVOLVED_WITH,,

                """,
            ["contacts.csv"] = $"""
                :START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,:TYPE
                {p}PR1,{p}P1,2026-05-20T13:00:00Z,visit,false,CONTACT
                {p}PR1,{p}P1,2026-06-10T14:00:00+01:00,visit,true,CONTACT
                {p}PR2,{p}P1,2026-04-15T09:30:00Z,phone,false,CONTACT

                """,
        };
    }

    public string Prefix { get; }

    public string Id(string id) => Prefix + id;

    /// <summary>Changes one file: replaces the first occurrence of a text (which must be there).</summary>
    public District Replace(string file, string oldText, string newText)
    {
        var text = files[file];
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in {file}");
        files[file] = text[..at] + newText + text[(at + oldText.Length)..];
        return this;
    }

    /// <summary>Leaves a column out of a file, header and rows (the file must have no quoted fields).</summary>
    public District DropColumn(string file, string column)
    {
        var lines = files[file].Split('\n');
        Assert.DoesNotContain('"', files[file]);
        var at = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(at >= 0, $"{file} has no column '{column}'");
        files[file] = string.Join('\n', lines.Select(line => line.Length == 0 ? line : string.Join(',', line.Split(',').Where((_, i) => i != at))));
        return this;
    }

    /// <summary>Adds a row at the end of a file.</summary>
    public District Append(string file, string line)
    {
        files[file] += line + "\n";
        return this;
    }

    /// <summary>Writes the files (and reference-date.txt) into a folder; returns the folder.</summary>
    public string WriteTo(string folder, bool byteOrderMarks = false)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(byteOrderMarks));
        }

        File.WriteAllText(Path.Combine(folder, "reference-date.txt"), ReferenceDate + "\n");
        return folder;
    }
}
