package dev.genaiaws.jpmscheck.records;

/** The structured answer the check asks for: a record in a package opened to core only. */
public record City(String city, int population) {}
