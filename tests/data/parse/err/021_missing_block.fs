profile hz 99
