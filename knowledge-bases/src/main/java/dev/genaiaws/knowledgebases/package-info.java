package dev.genaiaws.knowledgebases;
